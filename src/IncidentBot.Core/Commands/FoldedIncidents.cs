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
/// <para>
/// Commands on one incident are pipelined: a command decides on the state after the appends this process has queued
/// but not yet committed (<see cref="Latest"/>), queues its own append behind them (the store commits them in order,
/// many in one transaction) and lets the next command decide while it waits for its commit. An append that is not
/// committed (a conflict, a duplicate, a failure) makes the ones queued behind it conflict too; they decide again on
/// <see cref="SettledAsync"/>. Nothing here is shown to anyone before its commit: readers use <see cref="CurrentAsync"/>.
/// </para>
/// </summary>
internal sealed class FoldedIncidents(IEvidenceStore store)
{
    private const int MaxIncidents = 4096;
    private readonly ConcurrentDictionary<string, Incident> kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queued> queued = new(StringComparer.Ordinal);

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

    /// <summary>For a command holding the incident's lock: the incident as it will stand once this process's queued
    /// appends commit (the newest one's state), else the kept incident. Null when neither is known.</summary>
    public Incident? Latest(string stream)
    {
        if (queued.TryGetValue(stream, out var newest))
        {
            // Still on its way, or committed (its fold equals what the store now holds): decide on it.
            if (!newest.Outcome.IsCompleted || newest.Outcome is { IsCompletedSuccessfully: true, Result: AppendOutcome.Appended })
                return newest.After;
            queued.TryRemove(new KeyValuePair<string, Queued>(stream, newest));
        }
        return Known(stream);
    }

    /// <summary>An append that records <paramref name="after"/> was queued (under the incident's lock, behind every
    /// earlier one); the next command decides on <paramref name="after"/>.</summary>
    public void Queue(string stream, Incident after, Task<AppendOutcome> outcome) => queued[stream] = new Queued(after, outcome);

    /// <summary>Waits for the outcome of an append queued with <see cref="Queue"/>: once committed, <paramref name="after"/>
    /// is kept (<see cref="Committed(string, Incident)"/>); either way the queued entry is forgotten unless a newer one
    /// was queued since.</summary>
    public async Task<AppendOutcome> OutcomeAsync(string stream, Incident after, Task<AppendOutcome> outcome)
    {
        try
        {
            var ended = await outcome.ConfigureAwait(false);
            if (ended is AppendOutcome.Appended) Committed(stream, after);
            return ended;
        }
        finally
        {
            if (queued.TryGetValue(stream, out var newest) && newest.Outcome == outcome)
                queued.TryRemove(new KeyValuePair<string, Queued>(stream, newest));
        }
    }

    /// <summary>After a conflict: waits until this process's queued appends on the stream have ended, then reads the
    /// stream as it stands (<see cref="CurrentAsync"/>).</summary>
    public async Task<Incident?> SettledAsync(string stream, CancellationToken cancellationToken)
    {
        while (queued.TryGetValue(stream, out var newest) && !newest.Outcome.IsCompleted)
        {
            try
            {
                await newest.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Its own command answers for its failure; here it only had to end.
            }
        }
        return await CurrentAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps <paramref name="after"/>, the incident a command recorded its events into, once those events are
    /// committed: what it holds is what a fold of the stored events gives (recording applies each event as it will be
    /// stored), so nothing is copied or applied again. It must not be changed afterwards.</summary>
    public void Committed(string stream, Incident after)
    {
        if (kept.Count >= MaxIncidents) kept.Clear();
        kept.AddOrUpdate(stream, after, (_, other) => other.LastSeq >= after.LastSeq ? other : after);
    }

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

    /// <summary>A queued append and the incident it records.</summary>
    private sealed record Queued(Incident After, Task<AppendOutcome> Outcome);
}
