namespace IncidentBot.Bench;

/// <summary>What the burst test saw.</summary>
/// <param name="Notes">Notes sent in the burst; <paramref name="Acknowledged"/> of them answered 200.</param>
/// <param name="BurstSeconds">From the first note sent to the last acknowledgement.</param>
/// <param name="Calls">Web API calls the bot made from the burst's start until the watch ended (refused ones included).</param>
/// <param name="Refused">Calls answered 429.</param>
/// <param name="NotesInThread">Acknowledged notes whose text appears in a thread message.</param>
/// <param name="Lost">Acknowledged notes missing from the thread once delivery went quiet; null when it had not by the end of the watch.</param>
/// <param name="OrderKept">Whether each incident's notes appear in the thread in the order they were committed; null when none appeared.</param>
/// <param name="RootFinalSeconds">Per incident, seconds after the burst's end until its root card last changed to the
/// final state (0 when it already showed it at the end); null when it did not within the watch.</param>
/// <param name="WatchedSeconds">How long after the burst's end the test watched.</param>
internal sealed record BurstResult(int Notes, int Acknowledged, double BurstSeconds, int Calls, int PostMessages, int Updates, int Refused,
    int NotesInThread, int? Lost, bool? OrderKept, IReadOnlyList<double?> RootFinalSeconds, double WatchedSeconds)
{
    public double? WorstRootFinalSeconds => RootFinalSeconds.Any(s => s is null) ? null : RootFinalSeconds.Max();
}
