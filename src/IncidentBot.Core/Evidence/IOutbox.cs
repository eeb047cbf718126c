namespace IncidentBot.Core.Evidence;

/// <summary>
/// Work committed with the evidence that caused it, done after the request that caused it has ended: messages to
/// post on a surface, jobs to run (execution, verification). Survives restarts.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due items of <paramref name="kind"/> (due time &lt;= <paramref name="now"/>,
    /// not done, not claimed in the last <paramref name="lease"/>), oldest first. A claimed item is claimed again
    /// after its lease runs out unless completed, so a crash mid-work leads to a retry, never a loss.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string kind, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ClaimDueAsync"/> for one <paramref name="target"/>, but claims only the oldest unfinished item of
    /// each stream, so a surface that must keep an incident's messages in order never sees a later one before an
    /// earlier one is done (an earlier one waiting for a retry holds back the rest of its stream, and only its stream).
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimStreamHeadsAsync(string kind, string target, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Releases every claim on unfinished items, so work a crashed process had claimed is taken up at once instead of
    /// after its lease. Call at start-up, before any worker claims, and only where this process is the sole worker.
    /// </summary>
    Task ReleaseClaimsAsync(CancellationToken cancellationToken);

    /// <summary>Marks an item done.</summary>
    Task CompleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Puts an item back for a later attempt, counting the attempt and keeping the error text.</summary>
    Task RescheduleAsync(long id, DateTimeOffset due, string error, CancellationToken cancellationToken);

    /// <summary>Items of <paramref name="kind"/> for <paramref name="target"/> with id greater than <paramref name="afterId"/>, oldest first (done or not). Used by surfaces that are polled, such as the console.</summary>
    Task<IReadOnlyList<OutboxItem>> ReadAfterAsync(string kind, string target, long afterId, int max, CancellationToken cancellationToken);
}

/// <summary>Work to enqueue with an append.</summary>
/// <param name="Kind">What it is: <c>job</c>, <c>notify</c>, ...</param>
/// <param name="Target">Who handles it: a surface name, an executor, a conversation key.</param>
/// <param name="PayloadJson">What to do, as JSON.</param>
/// <param name="DueUtc">Not before this time (null = now).</param>
public sealed record OutboxDraft(string Kind, string Target, string PayloadJson, DateTimeOffset? DueUtc = null);

/// <summary>A stored outbox item.</summary>
public sealed record OutboxItem(
    long Id,
    string Stream,
    string Kind,
    string Target,
    string PayloadJson,
    DateTimeOffset CreatedUtc,
    DateTimeOffset DueUtc,
    int Attempts,
    DateTimeOffset? DoneUtc,
    string? LastError);
