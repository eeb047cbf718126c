using System.Collections.Concurrent;
using System.Collections.Immutable;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Commands;

/// <summary>
/// What the engine has already read of each incident stream, with payloads decoded once. A command reads only the
/// events after the last one it knows (so another writer's events are never missed) and folds decoded payloads, so
/// the cost of a command does not grow with the length of the incident's history.
/// </summary>
internal sealed class StreamCache(IEvidenceStore store)
{
    private const int MaxStreams = 2048;
    private readonly ConcurrentDictionary<string, ImmutableList<(EvidenceEvent Stored, IncidentEvent? Payload)>> streams = new(StringComparer.Ordinal);

    /// <summary>Every event of the stream, current as of this call.</summary>
    public async Task<ImmutableList<(EvidenceEvent Stored, IncidentEvent? Payload)>> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        var known = streams.GetValueOrDefault(stream) ?? [];
        var lastSeq = known.IsEmpty ? 0 : known[^1].Stored.Seq;
        var fresh = await store.ReadStreamAfterAsync(stream, lastSeq, cancellationToken).ConfigureAwait(false);
        if (fresh.Count == 0) return known;
        var current = known.AddRange(fresh.Select(e => (e, EventCodec.Deserialize(e.Type, e.PayloadJson))));
        if (streams.Count >= MaxStreams) streams.Clear();
        // Two readers may race here; both lists are complete up to their own read, and the longer one wins.
        streams.AddOrUpdate(stream, current, (_, other) => other.Count >= current.Count ? other : current);
        return current;
    }

    /// <summary>The incident folded from the stream, or null when the stream is empty.</summary>
    public async Task<Incident?> IncidentAsync(string stream, CancellationToken cancellationToken) =>
        Incident.FromDecoded(stream, await ReadAsync(stream, cancellationToken).ConfigureAwait(false));
}
