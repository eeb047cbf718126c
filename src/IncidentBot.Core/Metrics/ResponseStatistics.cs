namespace IncidentBot.Core.Metrics;

/// <summary>The four response times of a group of incidents.</summary>
/// <param name="Count">Incidents in the group.</param>
/// <param name="TimeToAcknowledge">See <see cref="IncidentTimings.ToAcknowledge"/>.</param>
/// <param name="TimeToApprove">See <see cref="IncidentTimings.ToApprove"/>.</param>
/// <param name="TimeToMitigate">See <see cref="IncidentTimings.ToMitigate"/>.</param>
/// <param name="TimeToRecover">See <see cref="IncidentTimings.ToRecover"/>.</param>
public sealed record ResponseStatistics(int Count, DurationStatistic TimeToAcknowledge, DurationStatistic TimeToApprove,
    DurationStatistic TimeToMitigate, DurationStatistic TimeToRecover)
{
    /// <summary>The statistics of <paramref name="incidents"/>; each duration is over the incidents that reached it.</summary>
    public static ResponseStatistics Of(IReadOnlyCollection<IncidentTimings> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        static DurationStatistic Stat(IEnumerable<TimeSpan?> values) => DurationStatistic.Of(values.OfType<TimeSpan>());
        return new ResponseStatistics(incidents.Count, Stat(incidents.Select(i => i.ToAcknowledge)), Stat(incidents.Select(i => i.ToApprove)),
            Stat(incidents.Select(i => i.ToMitigate)), Stat(incidents.Select(i => i.ToRecover)));
    }
}
