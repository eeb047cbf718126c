namespace IncidentBot.Core.Evidence;

/// <summary>How every store turns drafts into the next events of a stream: sequence numbers after the head, a fresh
/// event id each, each hash (<see cref="EvidenceHasher"/>) chained on the one before.</summary>
public static class EventChain
{
    /// <summary>
    /// The events that follow a stream's head (<paramref name="lastSeq"/>, <paramref name="lastHash"/>; 0 and
    /// <see cref="EvidenceHasher.Genesis"/> for an empty stream), exactly as a reader will get them back: times as
    /// parsed from their stored <see cref="EvidenceHasher.FormatTime"/> text.
    /// </summary>
    public static IReadOnlyList<EvidenceEvent> Extend(string stream, long lastSeq, string lastHash, IReadOnlyList<EventDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(lastHash);
        ArgumentNullException.ThrowIfNull(drafts);
        var events = new List<EvidenceEvent>(drafts.Count);
        var prevHash = lastHash;
        var seq = lastSeq;
        foreach (var draft in drafts)
        {
            seq++;
            var eventId = Guid.NewGuid().ToString("D");
            var hash = EvidenceHasher.ComputeHash(stream, seq, eventId, draft, prevHash);
            events.Add(new EvidenceEvent(stream, seq, eventId, draft.Type, draft.Actor, draft.Surface,
                EvidenceHasher.ParseTime(EvidenceHasher.FormatTime(draft.OccurredUtc)), draft.PayloadJson,
                draft.RunbookVersion, prevHash, hash));
            prevHash = hash;
        }
        return events;
    }
}
