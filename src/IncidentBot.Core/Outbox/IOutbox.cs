namespace IncidentBot.Core.Outbox;

/// <summary>
/// Work committed with the evidence that caused it, done after the request that caused it has ended: messages to
/// deliver to a conversation, jobs to run (execution, verification, timers). Survives restarts. Contract:
/// <list type="bullet">
/// <item>A claim reserves an item for its holder until the lease runs out; it carries an owner token, and only the
/// holder of a live claim can complete, reschedule or release the item (a stale holder gets <c>false</c>, changes
/// nothing). An expired lease is what makes an item claimable again, after a crash included: nothing is released
/// wholesale, so several workers (or processes) can share one store.</item>
/// <item>Failures of the store surface as <see cref="Evidence.StoreUnavailableException"/>, never as a provider's exception.</item>
/// </list>
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due items of <paramref name="kind"/> (due time &lt;= <paramref name="now"/>,
    /// not done, no live claim) for <paramref name="lease"/>, oldest due first.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(OutboxKind kind, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ClaimDueAsync"/> for one <paramref name="target"/>, but keeping each stream's order: claims each
    /// stream's pending run, so a surface that must keep an incident's messages in order never sees a later one before
    /// an earlier one is done (an earlier one waiting for a retry holds back the rest of its stream, and only its
    /// stream). For up to <paramref name="maxStreams"/> streams whose oldest unfinished item is due and unclaimed: that
    /// item and the unfinished items after it, oldest first, up to <paramref name="maxPerStream"/> (1: only each
    /// stream's oldest), stopping before any item someone else holds. A surface that coalesces delivers them together (one thread message, one root update) and
    /// still never sees a later item before an earlier one. All items of one call share one owner token. Ordered by
    /// id, so each stream's items come in order.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimStreamRunsAsync(OutboxKind kind, string target, DateTimeOffset now, TimeSpan lease, int maxStreams,
        int maxPerStream, CancellationToken cancellationToken);

    /// <summary><see cref="CompleteAsync"/> for several claims in one write; returns how many were still held (and are
    /// now done). Claims no longer held change nothing.</summary>
    Task<int> CompleteAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary><see cref="ReleaseAsync"/> for several claims in one write; returns how many were still held.</summary>
    Task<int> ReleaseAllAsync(IReadOnlyCollection<OutboxClaim> claims, CancellationToken cancellationToken);

    /// <summary><see cref="ExtendAsync"/> for several claims in one write; returns how many were still held.</summary>
    Task<int> ExtendAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Marks a claimed item done. False when the claim is no longer held (it expired and someone else claimed
    /// it, or it was completed already): nothing changes.</summary>
    Task<bool> CompleteAsync(OutboxClaim claim, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Puts a claimed item back for a later attempt at <paramref name="due"/>, counting the attempt and keeping
    /// the error text; ends the claim. False when the claim is no longer held.</summary>
    Task<bool> RescheduleAsync(OutboxClaim claim, DateTimeOffset due, string error, CancellationToken cancellationToken);

    /// <summary>Extends a live claim's lease to <paramref name="until"/> (its holder is still working on the item).
    /// False when the claim is no longer held.</summary>
    Task<bool> ExtendAsync(OutboxClaim claim, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Ends a claim without counting an attempt (a worker stopping gracefully), so the item is claimable at
    /// once. False when the claim is no longer held.</summary>
    Task<bool> ReleaseAsync(OutboxClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Since when the oldest overdue work has been waiting, or null when nothing is overdue: over the unfinished items
    /// of every kind, an item that is due (due time &lt;= <paramref name="now"/>) and was never tried counts from its due
    /// time; an item that failed at least once and is still being retried counts from when it was written, whatever its
    /// next due time (a retry keeps moving that forward, so it alone would hide an item that never gets through).
    /// Parked items (<see cref="OutboxParking"/>) do not count: nobody works on them any more. Items held by a live
    /// claim count: being worked on is not being done. A read; it changes nothing.
    /// </summary>
    Task<DateTimeOffset?> OldestOverdueSinceAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The overdue work per kind, counted as <see cref="OldestOverdueSinceAsync"/> counts it (due and never tried, or
    /// failed and still being retried; parked and done items do not count; claimed ones do). One entry for each kind
    /// that has such work, none for a kind that has none. A read; it changes nothing (what metrics sample).
    /// </summary>
    Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
