using System.Collections.Concurrent;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Commands;

/// <summary>
/// Each incident folded once and kept, advanced by the events appended after it, so no command re-reads or re-folds
/// an incident's history: a command on an incident with 10,000 events costs what it costs on one with 10.
/// A kept incident is never changed: it is replaced by a copy advanced by newer events, so readers may hold one while
/// a command records into its own copy. Events written by another process are caught by reading the stream after the
/// kept incident's last sequence number (<see cref="CurrentAsync"/>), or, for a command, by the store's sequence check
/// refusing an append made on an incident that was not current.
/// </summary>
internal sealed class FoldedIncidents(IEvidenceStore store)
{
    private const int MaxIncidents = 4096;
    private readonly ConcurrentDictionary<string, Incident> kept = new(StringComparer.Ordinal);

    /// <summary>The kept incident without asking the store: current as far as this process knows (its own commits).
    /// Null when it is not kept yet.</summary>
    public Incident? Known(string stream) => kept.GetValueOrDefault(stream);

    /// <summary>The incident as its stream stands now: the kept fold advanced by any events written since (by this
    /// process or another). Null when the stream has no events.</summary>
    public async Task<Incident?> CurrentAsync(string stream, CancellationToken cancellationToken)
    {
        var known = Known(stream);
        var fresh = await store.ReadStreamAfterAsync(stream, known?.LastSeq ?? 0, cancellationToken).ConfigureAwait(false);
        return fresh.Count == 0 ? known : Keep(stream, known, fresh);
    }

    /// <summary>Advances <paramref name="before"/> (the incident a command decided on, not changed) by the events the
    /// command's commit stored, and keeps the result.</summary>
    public Incident Committed(string stream, Incident? before, IReadOnlyList<EvidenceEvent> stored) => Keep(stream, before, stored);

    /// <summary>Forgets a kept incident (the next reader folds it from the store).</summary>
    public void Forget(string stream) => kept.TryRemove(stream, out _);

    private Incident Keep(string stream, Incident? known, IReadOnlyList<EvidenceEvent> fresh)
    {
        var next = known?.Copy() ?? Incident.Start(stream);
        foreach (var e in fresh)
            if (e.Seq > next.LastSeq) next.Apply(e);
        if (kept.Count >= MaxIncidents) kept.Clear();
        // Two readers may race; both results are complete up to their own read, and the further one is kept.
        return kept.AddOrUpdate(stream, next, (_, other) => other.LastSeq >= next.LastSeq ? other : next);
    }
}
