using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Metrics;

/// <summary>
/// The moments of one incident, read from its evidence events alone (never a clock): the single definition both the
/// metrics API (<see cref="IncidentMetrics"/>) and the post-incident review use, so their numbers agree. Each stream is
/// folded once, event by event, so every milestone is judged by the same lifecycle rules as the incident itself
/// (whether an approval completed the quorum, whether an event moved it into Recovered). Each time is null when the
/// incident has not got that far.
/// </summary>
/// <param name="DeclaredUtc">The <c>IncidentDeclared</c> event.</param>
/// <param name="Declarer">Who declared it (<c>system</c> for an alert-opened incident).</param>
/// <param name="FirstSignalUtc">The earliest alert <c>startsAt</c> of the incident's signals; else the first
/// <c>SignalReceived</c> event; null when no signal was received.</param>
/// <param name="AcknowledgedUtc">The first accepted change by a person other than the declarer (any person when the
/// bot declared it): the first human action on the incident, usually a triage or taking command.</param>
/// <param name="AcknowledgedBy">Who acknowledged.</param>
/// <param name="TriagedUtc">The first <c>IncidentTriaged</c>.</param>
/// <param name="ContainmentChosenUtc">The first containment chosen (not a lift).</param>
/// <param name="ApprovalRequestedUtc">When the first containment that reached its approval quorum was chosen.</param>
/// <param name="ApprovedUtc">The approval that completed that quorum.</param>
/// <param name="MitigatedUtc">The first <c>ExecutionSucceeded</c> (every step of a containment done).</param>
/// <param name="RecoveredUtc">The first time it entered Recovered (<c>VerificationPassed</c> or <c>RecoveryConfirmed</c>).</param>
/// <param name="ReviewStartedUtc">The first <c>ReviewStarted</c>.</param>
/// <param name="ClosedUtc">The <c>IncidentClosed</c> (or <c>IncidentCancelled</c>) event.</param>
public sealed record IncidentMilestones(
    DateTimeOffset DeclaredUtc, string Declarer, DateTimeOffset? FirstSignalUtc,
    DateTimeOffset? AcknowledgedUtc, string? AcknowledgedBy, DateTimeOffset? TriagedUtc, DateTimeOffset? ContainmentChosenUtc,
    DateTimeOffset? ApprovalRequestedUtc, DateTimeOffset? ApprovedUtc, DateTimeOffset? MitigatedUtc, DateTimeOffset? RecoveredUtc,
    DateTimeOffset? ReviewStartedUtc, DateTimeOffset? ClosedUtc)
{
    /// <summary>Where impact starts: the first signal, else the declaration.</summary>
    public DateTimeOffset ImpactStartUtc => FirstSignalUtc is { } s && s < DeclaredUtc ? s : DeclaredUtc;

    /// <summary>Declared → acknowledged.</summary>
    public TimeSpan? ToAcknowledge => AcknowledgedUtc - DeclaredUtc;

    /// <summary>Chosen → the approval that completed the quorum, for the first containment that reached one.</summary>
    public TimeSpan? ToApprove => ApprovedUtc - ApprovalRequestedUtc;

    /// <summary>Declared → mitigated.</summary>
    public TimeSpan? ToMitigate => MitigatedUtc - DeclaredUtc;

    /// <summary>Declared → recovered.</summary>
    public TimeSpan? ToRecover => RecoveredUtc - DeclaredUtc;

    /// <summary>Impact start (first signal, else declared) → recovered: how long the impact lasted; null while open.</summary>
    public TimeSpan? Impact => RecoveredUtc - ImpactStartUtc;

    /// <summary>Declared → closed: the whole response, review included.</summary>
    public TimeSpan? Total => ClosedUtc - DeclaredUtc;

    /// <summary>The milestones of one incident stream, or null when it does not start with a declaration.</summary>
    public static IncidentMilestones? Of(string id, IReadOnlyList<EvidenceEvent> events) => Fold(id, events)?.Milestones;

    /// <summary>The milestones and the incident as folded after the last event (one fold for both).</summary>
    public static (IncidentMilestones Milestones, Incident Incident)? Fold(string id, IReadOnlyList<EvidenceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events[0].Type != nameof(IncidentDeclared)) return null;
        var incident = Incident.FromEvents(id, [events[0]])!;
        var declarer = events[0].Actor;
        var m = new IncidentMilestones(events[0].OccurredUtc, declarer, null, null, null, null, null, null, null, null, null, null, null);
        DateTimeOffset? startsAt = null;
        foreach (var e in events.Skip(1))
        {
            var payload = EventCodec.Deserialize(e.Type, e.PayloadJson);
            var before = incident.State;
            var awaiting = incident.Containments.Where(c => c.Status == ContainmentStatus.AwaitingApproval).Select(c => c.Attempt).ToList();
            incident.Apply(e);
            if (payload is SignalReceived s)
            {
                m = m with { FirstSignalUtc = m.FirstSignalUtc ?? e.OccurredUtc };
                if (s.StartsAt is { } at && (startsAt is null || at < startsAt)) startsAt = at;
            }
            if (payload is null || !payload.CountsAsChange) continue;
            var at2 = e.OccurredUtc;
            if (m.AcknowledgedUtc is null && e.Actor != Actor.System.Id && e.Actor != declarer && payload is not SignalReceived)
                m = m with { AcknowledgedUtc = at2, AcknowledgedBy = e.Actor };
            m = payload switch
            {
                IncidentTriaged when m.TriagedUtc is null => m with { TriagedUtc = at2 },
                ContainmentChosen { Lifts: false } when m.ContainmentChosenUtc is null => m with { ContainmentChosenUtc = at2 },
                ApprovalGranted { AfterTheFact: false } a when m.ApprovedUtc is null && awaiting.Contains(a.Attempt)
                    && incident.Containments.FirstOrDefault(c => c.Attempt == a.Attempt) is { Status: ContainmentStatus.Executing } reached
                    => m with { ApprovedUtc = at2, ApprovalRequestedUtc = ChosenAt(events, reached.Attempt) },
                ExecutionSucceeded when m.MitigatedUtc is null => m with { MitigatedUtc = at2 },
                ReviewStarted when m.ReviewStartedUtc is null => m with { ReviewStartedUtc = at2 },
                IncidentClosed or IncidentCancelled when m.ClosedUtc is null => m with { ClosedUtc = at2 },
                _ => m,
            };
            if (m.RecoveredUtc is null && before != IncidentState.Recovered && incident.State == IncidentState.Recovered)
                m = m with { RecoveredUtc = at2 };
        }
        return (startsAt is { } first ? m with { FirstSignalUtc = first } : m, incident);
    }

    private static DateTimeOffset ChosenAt(IReadOnlyList<EvidenceEvent> events, int attempt) => events
        .Where(e => e.Type == nameof(ContainmentChosen))
        .First(e => EventCodec.Deserialize(e.Type, e.PayloadJson) is ContainmentChosen c && c.Attempt == attempt).OccurredUtc;
}
