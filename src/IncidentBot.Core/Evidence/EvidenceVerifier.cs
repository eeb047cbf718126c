namespace IncidentBot.Core.Evidence;

/// <summary>
/// Proves that stored evidence was not altered: walks every stream and checks that sequence numbers start at 1 with
/// no gaps, that each event's previous hash is its predecessor's stored hash (<see cref="EvidenceHasher.Genesis"/>
/// for the first), and that each event's stored hash equals <see cref="EvidenceHasher.ComputeHash(EvidenceEvent)"/>.
/// </summary>
/// <remarks>
/// An event whose fields were edited fails its own hash check and is the one named; the events after it still link
/// to its stored hash, so they are not blamed. What a chain alone cannot show: a stream cut short at its end, and a
/// stream rewritten from some event to its end with every hash recomputed. Catching those needs the stream heads
/// kept somewhere else (an export, a signed digest).
/// </remarks>
public static class EvidenceVerifier
{
    /// <summary>
    /// Verifies <paramref name="events"/>, which must come ordered by stream then sequence
    /// (as <see cref="IEvidenceStore.ReadAllAsync"/> returns them). Reads everything, so the counts are complete
    /// even when a fault is found.
    /// </summary>
    public static async Task<EvidenceVerificationReport> VerifyAsync(IAsyncEnumerable<EvidenceEvent> events,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var heads = new Dictionary<string, EvidenceEvent>(StringComparer.Ordinal);
        var eventCount = 0L;
        EvidenceFault? firstFault = null;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            eventCount++;
            heads.TryGetValue(e.Stream, out var previous);
            firstFault ??= Check(e, previous);
            heads[e.Stream] = e;
        }
        return new EvidenceVerificationReport(firstFault is null, heads.Count, eventCount, firstFault);
    }

    private static EvidenceFault? Check(EvidenceEvent e, EvidenceEvent? previous)
    {
        var expectedSeq = (previous?.Seq ?? 0) + 1;
        if (e.Seq > expectedSeq)
        {
            var reason = previous is null
                ? $"event #{expectedSeq} is missing (the stream starts at {e.Seq})"
                : expectedSeq == e.Seq - 1
                    ? $"event #{expectedSeq} is missing (sequence jumps from {previous.Seq} to {e.Seq})"
                    : $"events #{expectedSeq} to #{e.Seq - 1} are missing (sequence jumps from {previous.Seq} to {e.Seq})";
            return new EvidenceFault(e.Stream, expectedSeq, "", "", reason);
        }
        if (e.Seq < expectedSeq)
            return Fault(e, $"sequence number is out of order (expected #{expectedSeq})");

        var expectedPrev = previous?.Hash ?? EvidenceHasher.Genesis;
        if (!string.Equals(e.PrevHash, expectedPrev, StringComparison.Ordinal))
        {
            return Fault(e, previous is null
                ? "previous-hash link broken (the first event must link to the genesis hash)"
                : $"previous-hash link broken (it does not link to the hash of event #{previous.Seq})");
        }
        if (!string.Equals(e.Hash, EvidenceHasher.ComputeHash(e), StringComparison.Ordinal))
            return Fault(e, "content does not match its hash");
        return null;
    }

    private static EvidenceFault Fault(EvidenceEvent e, string reason) =>
        new(e.Stream, e.Seq, e.EventId, e.Type, reason);
}
