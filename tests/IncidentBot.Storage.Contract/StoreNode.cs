using IncidentBot.Core.Changes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Contract;

/// <summary>
/// Presents a concrete store as an <see cref="IStoreNode"/> by forwarding every member to it, including the ones
/// <see cref="IEvidenceStore"/> gives a default body (so the store's own version is the one tested).
/// </summary>
/// <typeparam name="TStore">The engine's store class.</typeparam>
/// <param name="store">The store, initialized.</param>
/// <param name="probeWrite">The store's health probe.</param>
/// <param name="readOutbox">The store's outbox read.</param>
public sealed class StoreNode<TStore>(
    TStore store,
    Func<CancellationToken, Task> probeWrite,
    Func<OutboxKind, string, long, int, CancellationToken, Task<IReadOnlyList<OutboxItem>>> readOutbox) : IStoreNode
    where TStore : IEvidenceStore, IIncidentReadModel, IChangeReadModel, IOutbox, IConversationReadModel
{
    /// <summary>The store behind this node.</summary>
    public TStore Store { get; } = store;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Store.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken) =>
        Store.AppendAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken) =>
        Store.ReadStreamAsync(stream, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EvidenceEvent>> ReadStreamAfterAsync(string stream, long afterSeq, CancellationToken cancellationToken) =>
        Store.ReadStreamAfterAsync(stream, afterSeq, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<EvidenceEvent> ReadAllAsync(CancellationToken cancellationToken) => Store.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetSealAsync(string stream, CancellationToken cancellationToken) => Store.GetSealAsync(stream, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken) =>
        Store.ListIncidentsAsync(includeClosed, cancellationToken);

    /// <inheritdoc />
    public Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken) =>
        Store.GetIncidentAsync(incidentId, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetRunbookTextAsync(string contentHash, CancellationToken cancellationToken) =>
        Store.GetRunbookTextAsync(contentHash, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeRecord>> ListChangesAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken) =>
        Store.ListChangesAsync(service, since, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(OutboxKind kind, DateTimeOffset now, TimeSpan lease, int max,
        CancellationToken cancellationToken) =>
        Store.ClaimDueAsync(kind, now, lease, max, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Store.BacklogAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> OldestOverdueSinceAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Store.OldestOverdueSinceAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimStreamRunsAsync(OutboxKind kind, string target, DateTimeOffset now, TimeSpan lease,
        int maxStreams, int maxPerStream, CancellationToken cancellationToken) =>
        Store.ClaimStreamRunsAsync(kind, target, now, lease, maxStreams, maxPerStream, cancellationToken);

    /// <inheritdoc />
    public Task<int> CompleteAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset now, CancellationToken cancellationToken) =>
        Store.CompleteAllAsync(claims, now, cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseAllAsync(IReadOnlyCollection<OutboxClaim> claims, CancellationToken cancellationToken) =>
        Store.ReleaseAllAsync(claims, cancellationToken);

    /// <inheritdoc />
    public Task<int> ExtendAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset until, CancellationToken cancellationToken) =>
        Store.ExtendAllAsync(claims, until, cancellationToken);

    /// <inheritdoc />
    public Task<bool> CompleteAsync(OutboxClaim claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        Store.CompleteAsync(claim, now, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RescheduleAsync(OutboxClaim claim, DateTimeOffset due, string error, CancellationToken cancellationToken) =>
        Store.RescheduleAsync(claim, due, error, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ExtendAsync(OutboxClaim claim, DateTimeOffset until, CancellationToken cancellationToken) =>
        Store.ExtendAsync(claim, until, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(OutboxClaim claim, CancellationToken cancellationToken) => Store.ReleaseAsync(claim, cancellationToken);

    /// <inheritdoc />
    public Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey, CancellationToken cancellationToken) =>
        Store.FindIncidentByConversationAsync(surface, conversationKey, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationReference>> ConversationsOfAsync(string incidentId, CancellationToken cancellationToken) =>
        Store.ConversationsOfAsync(incidentId, cancellationToken);

    /// <inheritdoc />
    public Task<ConversationReference?> FindKnownConversationAsync(string surface, string channel, CancellationToken cancellationToken) =>
        Store.FindKnownConversationAsync(surface, channel, cancellationToken);

    /// <inheritdoc />
    public Task ProbeWriteAsync(CancellationToken cancellationToken) => probeWrite(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ReadOutboxAsync(OutboxKind kind, string target, long afterId, int max,
        CancellationToken cancellationToken) =>
        readOutbox(kind, target, afterId, max, cancellationToken);
}
