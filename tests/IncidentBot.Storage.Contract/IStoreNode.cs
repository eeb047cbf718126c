using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Contract;

/// <summary>
/// One store instance under test, seen only through the Core ports plus the two members every store adds beside them
/// (the health probe and the outbox read). Two nodes on one database stand for two processes or two machines.
/// </summary>
public interface IStoreNode : IEvidenceStore, IIncidentReadModel, IChangeReadModel, IOutbox, IConversationReadModel
{
    /// <summary>A committed write that changes nothing: fails exactly when writes fail.</summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);

    /// <summary>Outbox rows of one kind and target with an id above <paramref name="afterId"/>, oldest first, done or not.</summary>
    Task<IReadOnlyList<OutboxItem>> ReadOutboxAsync(OutboxKind kind, string target, long afterId, int max,
        CancellationToken cancellationToken);
}
