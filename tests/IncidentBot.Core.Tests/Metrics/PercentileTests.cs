using IncidentBot.Core.Metrics;

namespace IncidentBot.Core.Tests.Metrics;

/// <summary>Linear interpolation between closest ranks.</summary>
public sealed class PercentileTests
{
    [Theory]
    [InlineData(new double[] { 7 }, 0.5, 7)]
    [InlineData(new double[] { 7 }, 0.9, 7)]
    [InlineData(new double[] { 1, 2, 3 }, 0.5, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new double[] { 60, 120 }, 0.9, 114)]
    [InlineData(new double[] { 1, 5 }, 1, 5)]
    [InlineData(new double[] { 1, 5 }, 0, 1)]
    public void Of_SortedValues_InterpolatesBetweenClosestRanks(double[] sorted, double fraction, double expected)
    {
        var actual = Percentile.Of(sorted, fraction);

        Assert.Equal(expected, actual, precision: 9);
    }

    [Fact]
    public void Of_Empty_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([], 0.5));
    }
}
