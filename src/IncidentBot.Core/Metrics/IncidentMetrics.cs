using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

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

    /// <summary>The timings of one incident stream, or null when it has no declaration (definitions:
    /// <see cref="IncidentMilestones"/>, shared with the post-incident review).</summary>
    public static IncidentTimings? Measure(string id, IReadOnlyList<EvidenceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (IncidentMilestones.Fold(id, events) is not var (m, incident)) return null;
        return new IncidentTimings(id, incident.Severity, incident.Service, m.DeclaredUtc, m.ToAcknowledge, m.ToApprove, m.ToMitigate, m.ToRecover)
        {
            Drill = incident.IsDrill,
        };
    }

    /// <summary>The report over <paramref name="incidents"/> declared in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).
    /// Drills are never counted: they are left out of every statistic and only counted in
    /// <see cref="IncidentMetricsReport.Drills"/>, so readers see that some were excluded.</summary>
    public static IncidentMetricsReport Report(IEnumerable<IncidentTimings> incidents, DateTimeOffset? fromUtc, DateTimeOffset? toUtc)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var window = incidents.Where(i => (fromUtc is null || i.DeclaredUtc >= fromUtc) && (toUtc is null || i.DeclaredUtc < toUtc)).ToList();
        var inWindow = window.Where(i => !i.Drill).ToList();
        return new IncidentMetricsReport(fromUtc, toUtc, ResponseStatistics.Of(inWindow),
            Grouped(inWindow, i => i.Severity?.ToText() ?? None), Grouped(inWindow, i => i.Service.Length == 0 ? None : i.Service))
        {
            Drills = window.Count - inWindow.Count,
        };
    }

    private static SortedDictionary<string, ResponseStatistics> Grouped(List<IncidentTimings> incidents, Func<IncidentTimings, string> key) =>
        new(incidents.GroupBy(key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => ResponseStatistics.Of(g.ToList()), StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
}
