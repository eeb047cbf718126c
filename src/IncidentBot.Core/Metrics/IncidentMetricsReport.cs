namespace IncidentBot.Core.Metrics;

/// <summary>Response statistics of the incidents declared in a window, overall and grouped; drills are not among them
/// (<see cref="Drills"/> counts them).</summary>
/// <param name="FromUtc">Start of the window (inclusive), if bounded.</param>
/// <param name="ToUtc">End of the window (exclusive), if bounded.</param>
/// <param name="Overall">Every incident in the window.</param>
/// <param name="BySeverity">Keyed by <c>sev1</c>..<c>sev4</c>, or <c>none</c> for incidents never given a severity.</param>
/// <param name="ByService">Keyed by service, or <c>none</c> for incidents declared without one.</param>
public sealed record IncidentMetricsReport(DateTimeOffset? FromUtc, DateTimeOffset? ToUtc, ResponseStatistics Overall,
    IReadOnlyDictionary<string, ResponseStatistics> BySeverity, IReadOnlyDictionary<string, ResponseStatistics> ByService)
{
    /// <summary>Drills started in the window: practice incidents, left out of every statistic above.</summary>
    public int Drills { get; init; }
}
