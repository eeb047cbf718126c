namespace IncidentBot.Core.Metrics;

/// <summary>Percentiles by linear interpolation between closest ranks (the "R-7" / Excel <c>PERCENTILE.INC</c>
/// definition): for n sorted values and fraction p, h = (n − 1)·p and the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
/// So the median of an even count is the mean of the middle two, and p90 of 1..10 is 9.1.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="fraction"/> (0..1) percentile of <paramref name="sorted"/> (ascending, at least one value).</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var h = (sorted.Count - 1) * fraction;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}
