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
}
