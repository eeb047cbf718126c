using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Shared.Audit;

public sealed partial class EvidenceAudit
{
    private sealed record CheckpointFindings(Checkpoint? Latest, long? SealNumber, string? Problem);

    /// <summary>
    /// Walks the checkpoint chain from #1, checking numbering, links, hashes and signatures, and replays the heads it
    /// records; then compares the replayed heads with the events' heads, and the seal's heads with the events.
    /// </summary>
    private async Task<CheckpointFindings> CheckCheckpointsAsync(long eventCount, string? seal, CancellationToken ct)
    {
        var heads = new Dictionary<string, StreamHead>(StringComparer.Ordinal);
        Dictionary<string, StreamHead>? atSeal = null;
        Checkpoint? previous = null;
        long? sealNumber = null;
        await using (var command = Command($"SELECT {StoredRows.CheckpointColumns} FROM checkpoints ORDER BY number;"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var c = StoredRows.Checkpoint(reader);
                if (CheckLink(c, previous) is { } broken) return new(null, null, broken);
                foreach (var head in c.Heads) heads[head.Stream] = head;
                if (seal is not null && string.Equals(c.Hash, seal, StringComparison.OrdinalIgnoreCase))
                {
                    sealNumber = c.Number;
                    atSeal = new Dictionary<string, StreamHead>(heads, StringComparer.Ordinal);
                }
                previous = c;
            }
        }
        if (previous is null)
        {
            return eventCount == 0
                ? new(null, null, seal is null ? null : $"seal {seal} is not in this store: it holds no checkpoint")
                : new(null, null, $"no checkpoint: {eventCount} events are not covered by any signed checkpoint (a store from before checkpoints that this version never opened, or checkpoints removed)");
        }
        if (await CompareHeadsAsync(heads, previous, ct) is { } drift) return new(previous, null, drift);
        if (seal is not null && atSeal is null)
            return new(previous, null, $"seal {seal} is not in this store's checkpoint chain (the store was truncated or rolled back after it, or the seal belongs to another store)");
        if (atSeal is not null && await CheckSealHeadsAsync(atSeal, sealNumber!.Value, ct) is { } lost)
            return new(previous, null, lost);
        return new(previous, sealNumber, null);
    }

    private string? CheckLink(Checkpoint c, Checkpoint? previous)
    {
        var expectedNumber = (previous?.Number ?? 0) + 1;
        if (c.Number != expectedNumber)
            return $"checkpoint #{expectedNumber} is missing (the chain jumps from #{previous?.Number ?? 0} to #{c.Number})";
        if (!string.Equals(c.PrevHash, previous?.Hash ?? EvidenceHasher.Genesis, StringComparison.Ordinal))
            return $"checkpoint #{c.Number}: previous-hash link broken (it does not link to checkpoint #{c.Number - 1})";
        if (c.Full != (c.Number == 1))
            return $"checkpoint #{c.Number}: only the first checkpoint may list every head";
        if (!string.Equals(c.Hash, CheckpointHasher.ComputeHash(c), StringComparison.Ordinal))
            return $"checkpoint #{c.Number}: content does not match its hash";
        if (!string.Equals(c.KeyId, _publicKey.KeyId, StringComparison.Ordinal))
            return $"checkpoint #{c.Number}: signed by key {c.KeyId}, not by the given key {_publicKey.KeyId}";
        if (!_publicKey.Verify(c.Hash, c.Signature))
            return $"checkpoint #{c.Number}: signature does not verify with key {_publicKey.KeyId} (forged or re-signed)";
        return null;
    }

    /// <summary>The events' heads must be exactly those the checkpoints record, stream by stream.</summary>
    private async Task<string?> CompareHeadsAsync(Dictionary<string, StreamHead> signed, Checkpoint latest, CancellationToken ct)
    {
        var heads = await ListAsync(Command("""
                SELECT e.stream, e.seq, e.hash FROM events e
                JOIN (SELECT stream, MAX(seq) AS last FROM events GROUP BY stream) h ON h.stream = e.stream AND h.last = e.seq;
                """), r => new StreamHead(r.GetString(0), r.GetInt64(1), r.GetString(2)), ct);
        var actual = heads.ToDictionary(h => h.Stream, StringComparer.Ordinal);
        foreach (var stream in signed.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var where = $"(latest checkpoint #{latest.Number})";
            signed.TryGetValue(stream, out var s);
            actual.TryGetValue(stream, out var a);
            if (a is null)
                return $"{stream}: the stream is missing: the checkpoints record {s!.Seq} events ending in {CheckpointHasher.Short(s.Hash)} {where}";
            if (s is null)
                return $"{stream}: {a.Seq} events that no signed checkpoint records (a stream added outside the bot) {where}";
            if (a.Seq < s.Seq)
                return $"{stream}: the stream ends at #{a.Seq} but the checkpoints record #{s.Seq}: events #{a.Seq + 1} to #{s.Seq} were removed from its end {where}";
            if (a.Seq > s.Seq)
                return $"{stream} #{s.Seq + 1}: events #{s.Seq + 1} to #{a.Seq} are not covered by any signed checkpoint (appended outside the bot) {where}";
            if (!string.Equals(a.Hash, s.Hash, StringComparison.Ordinal))
                return $"{stream} #{a.Seq}: the last event's hash {CheckpointHasher.Short(a.Hash)} differs from the signed {CheckpointHasher.Short(s.Hash)}: the stream was rewritten and re-hashed {where}";
        }
        return null;
    }

    /// <summary>Every head the seal's checkpoint records must still be an event with that hash.</summary>
    private async Task<string?> CheckSealHeadsAsync(Dictionary<string, StreamHead> heads, long number, CancellationToken ct)
    {
        foreach (var head in heads.Values.OrderBy(h => h.Stream, StringComparer.Ordinal))
        {
            var hash = await ScalarAsync(Command("SELECT hash FROM events WHERE stream = @s AND seq = @q;",
                ("s", head.Stream), ("q", head.Seq)), ct);
            if (!string.Equals(hash, head.Hash, StringComparison.Ordinal))
                return $"{head.Stream} #{head.Seq}: the event sealed by checkpoint #{number} is {(hash is null ? "missing" : "different")}";
        }
        return null;
    }
}
