namespace IncidentBot.Core.Telemetry;

/// <summary>What the gauges of <see cref="BotMetrics"/> report: a snapshot of the store taken by a sampler.</summary>
/// <param name="Outbox">Overdue work per outbox kind (every kind, zero when it has none).</param>
/// <param name="OpenIncidents">Open incidents per severity and state.</param>
/// <param name="Ready">Whether the readiness checks passed; null before they were first run.</param>
public sealed record MetricsSample(IReadOnlyList<OutboxGauge> Outbox, IReadOnlyList<OpenIncidentsGauge> OpenIncidents, bool? Ready)
{
    /// <summary>Nothing sampled yet: the gauges report no series.</summary>
    public static MetricsSample Empty { get; } = new([], [], null);
}
