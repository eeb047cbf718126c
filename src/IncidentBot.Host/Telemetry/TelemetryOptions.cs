namespace IncidentBot.Host.Telemetry;

/// <summary>The <c>Telemetry</c> section: whether the bot measures and traces itself.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Metrics at <c>/metrics</c> and traces (exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).
    /// Default true; false removes both, which is what the telemetry benchmark compares against.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the gauges (outbox backlog, open incidents, readiness) are refreshed from the store. Default 10
    /// seconds; a scrape reads the last sample, never the store.
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);
}
