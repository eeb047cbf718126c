namespace IncidentBot.Core.Telemetry;

/// <summary>One outbox kind's overdue work in a <see cref="MetricsSample"/>.</summary>
/// <param name="Kind">The kind's stored name (<c>job</c>, <c>notify</c>).</param>
/// <param name="Overdue">Items due or being retried.</param>
/// <param name="OldestAge">How long the oldest of them has waited; zero when none.</param>
public sealed record OutboxGauge(string Kind, long Overdue, TimeSpan OldestAge);
