using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Metrics;

/// <summary>
/// Incident response metrics computed from evidence events alone (never from the projection): each stream is folded
/// once, event by event, so every timing is judged by the same lifecycle rules as the incident itself (e.g. whether an
/// approval completed the quorum, whether an event moved it into Recovered).
/// </summary>
public static class IncidentMetrics
{
    /// <summary>Group key for incidents without a severity or a service.</summary>
    public const string None = "none";

    /// <summary>The timings of one incident stream, or null when it has no declaration.</summary>
    public static IncidentTimings? Measure(string id, IReadOnlyList<EvidenceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events[0].Type != nameof(IncidentDeclared)) return null;
        var incident = Incident.FromEvents(id, [events[0]])!;
        var declared = events[0].OccurredUtc;
        var declarer = events[0].Actor;
        TimeSpan? ack = null, approve = null, mitigate = null, recover = null;
        foreach (var e in events.Skip(1))
        {
            var payload = EventCodec.Deserialize(e.Type, e.PayloadJson);
            var before = incident.State;
            var awaiting = incident.Containments.Where(c => c.Status == ContainmentStatus.AwaitingApproval).Select(c => c.Attempt).ToList();
            incident.Apply(e);
            if (payload is null || !payload.CountsAsChange) continue;
            if (ack is null && e.Actor != Actor.System.Id && e.Actor != declarer) ack = e.OccurredUtc - declared;
            if (approve is null && payload is ApprovalGranted { AfterTheFact: false } a && awaiting.Contains(a.Attempt)
                && incident.Containments.FirstOrDefault(c => c.Attempt == a.Attempt) is { Status: ContainmentStatus.Executing } reached)
                approve = e.OccurredUtc - ChosenAt(events, reached.Attempt);
            if (mitigate is null && payload is ExecutionSucceeded) mitigate = e.OccurredUtc - declared;
            if (recover is null && before != IncidentState.Recovered && incident.State == IncidentState.Recovered) recover = e.OccurredUtc - declared;
        }
        return new IncidentTimings(id, incident.Severity, incident.Service, declared, ack, approve, mitigate, recover);
    }

    /// <summary>The report over <paramref name="incidents"/> declared in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    public static IncidentMetricsReport Report(IEnumerable<IncidentTimings> incidents, DateTimeOffset? fromUtc, DateTimeOffset? toUtc)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var inWindow = incidents.Where(i => (fromUtc is null || i.DeclaredUtc >= fromUtc) && (toUtc is null || i.DeclaredUtc < toUtc)).ToList();
        return new IncidentMetricsReport(fromUtc, toUtc, ResponseStatistics.Of(inWindow),
            Grouped(inWindow, i => i.Severity?.ToText() ?? None), Grouped(inWindow, i => i.Service.Length == 0 ? None : i.Service));
    }

    private static SortedDictionary<string, ResponseStatistics> Grouped(List<IncidentTimings> incidents, Func<IncidentTimings, string> key) =>
        new(incidents.GroupBy(key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => ResponseStatistics.Of(g.ToList()), StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);

    private static DateTimeOffset ChosenAt(IReadOnlyList<EvidenceEvent> events, int attempt) => events
        .Where(e => e.Type == nameof(ContainmentChosen))
        .First(e => EventCodec.Deserialize(e.Type, e.PayloadJson) is ContainmentChosen c && c.Attempt == attempt).OccurredUtc;
}
