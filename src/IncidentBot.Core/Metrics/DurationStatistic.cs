namespace IncidentBot.Core.Metrics;

/// <summary>Median and 90th percentile of one duration over <paramref name="Count"/> incidents, in seconds
/// (null when <paramref name="Count"/> is 0). Percentiles interpolate linearly (see <see cref="Percentile.Of"/>).</summary>
public sealed record DurationStatistic(int Count, double? MedianSeconds, double? P90Seconds)
{
    /// <summary>The statistic of the given durations (any order).</summary>
    public static DurationStatistic Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var seconds = durations.Select(d => d.TotalSeconds).Order().ToList();
        return seconds.Count == 0
            ? new DurationStatistic(0, null, null)
            : new DurationStatistic(seconds.Count, Percentile.Of(seconds, 0.5), Percentile.Of(seconds, 0.9));
    }
}
