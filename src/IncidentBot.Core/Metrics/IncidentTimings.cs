using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Metrics;

/// <summary>The response times of one incident, measured from its events (<see cref="IncidentMetrics.Measure"/>);
/// each is null when the incident has not got that far.</summary>
/// <param name="Id"><c>INC-n</c>.</param>
/// <param name="Severity">Severity as it stands after the last event (null when never set).</param>
/// <param name="Service">Affected service as declared (may be empty).</param>
/// <param name="DeclaredUtc">When it was declared.</param>
/// <param name="ToAcknowledge">Declared → the first accepted action by a person other than the declarer (any person
/// when the bot declared it).</param>
/// <param name="ToApprove">The first containment that reached its approval quorum: chosen → the approval that completed it.</param>
/// <param name="ToMitigate">Declared → the first <c>ExecutionSucceeded</c>.</param>
/// <param name="ToRecover">Declared → the first time it entered <see cref="IncidentState.Recovered"/>.</param>
public sealed record IncidentTimings(
    string Id, Severity? Severity, string Service, DateTimeOffset DeclaredUtc,
    TimeSpan? ToAcknowledge, TimeSpan? ToApprove, TimeSpan? ToMitigate, TimeSpan? ToRecover)
{
    /// <summary>True for a drill (<see cref="Incident.IsDrill"/>): measured, but never counted in the statistics.</summary>
    public bool Drill { get; init; }
}
