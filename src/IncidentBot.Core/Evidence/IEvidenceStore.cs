using IncidentBot.Core.Changes;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The evidence store: append-only, hash-chained streams of events, plus the read models written in the same
/// transaction. Contract:
/// <list type="bullet">
/// <item><see cref="AppendAsync"/> is one transaction: events, projection, outbox rows, runbook snapshot and the
/// delivery id either all commit durably or none do. It returns only after the commit is durable.</item>
/// <item>A delivery id that was already applied makes the append a no-op (<see cref="AppendOutcome.Duplicate"/>),
/// decided by a unique constraint, never by check-then-insert.</item>
/// <item>An append whose <see cref="AppendRequest.ExpectedSeq"/> is not the stream's last sequence fails with
/// <see cref="AppendOutcome.Conflict"/> and writes nothing.</item>
/// <item>Stored events can never be updated or deleted through the store (the database refuses it).</item>
/// </list>
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Creates or migrates the schema. Safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Appends events to one stream in one durable transaction (see the interface contract).</summary>
    Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>All events of a stream in sequence order; empty when the stream does not exist.</summary>
    Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken);

    /// <summary>The events of a stream after sequence <paramref name="afterSeq"/>, in order (for readers that keep what they read).</summary>
    async Task<IReadOnlyList<EvidenceEvent>> ReadStreamAfterAsync(string stream, long afterSeq, CancellationToken cancellationToken) =>
        [.. (await ReadStreamAsync(stream, cancellationToken).ConfigureAwait(false)).Where(e => e.Seq > afterSeq)];

    /// <summary>Every event of every stream, ordered by stream then sequence, exactly as stored.</summary>
    IAsyncEnumerable<EvidenceEvent> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The stream's seal: the hash of the signed checkpoint written with its last event (<see cref="Checkpoint"/>),
    /// which <c>incidentbot evidence verify --seal</c> confirms later; null when the store keeps no checkpoints.
    /// </summary>
    Task<string?> GetSealAsync(string stream, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>An append to one stream.</summary>
/// <param name="Stream">The stream; null to open a new incident stream (the store allocates <c>INC-n</c>).</param>
/// <param name="ExpectedSeq">The last sequence the caller saw (0 for an empty stream); <see cref="AnySeq"/> appends at the end whatever it is.</param>
/// <param name="Events">Events to append, in order (at least one).</param>
/// <param name="DeliveryId">Identity of the request that caused this append; a second append with the same id is a no-op.</param>
/// <param name="Incident">Incident projection to upsert (for a new stream its Id and Number are replaced by the allocated ones).</param>
/// <param name="Change">Change-log projection row to insert (for the <see cref="Streams.Changes"/> stream).</param>
/// <param name="Outbox">Work to do after commit: messages to post, jobs to run.</param>
/// <param name="Runbook">The runbook text the incident is pinned to, stored once per content hash.</param>
/// <param name="Conversations">Conversation references this commit carries: remembered as known places and, on an
/// incident stream, bound to the incident under their <see cref="Conversations.ConversationReference.Key"/> (a later
/// binding of the same key replaces an earlier one).</param>
public sealed record AppendRequest(
    string? Stream,
    long ExpectedSeq,
    IReadOnlyList<EventDraft> Events,
    string? DeliveryId = null,
    IncidentSummary? Incident = null,
    ChangeRecord? Change = null,
    IReadOnlyList<OutboxDraft>? Outbox = null,
    RunbookSnapshot? Runbook = null,
    IReadOnlyList<Conversations.ConversationReference>? Conversations = null)
{
    /// <summary>Append at the end of the stream, whatever its last sequence (for shared logs such as changes).</summary>
    public const long AnySeq = -1;
}

/// <summary>A runbook's text, keyed by its content hash.</summary>
public sealed record RunbookSnapshot(string ContentHash, string RunbookId, string SourceText);

/// <summary>The result of <see cref="IEvidenceStore.AppendAsync"/>.</summary>
public abstract record AppendOutcome
{
    private AppendOutcome() { }

    /// <summary>Committed. <paramref name="Events"/> are the stored events with their sequence numbers and hashes.</summary>
    public sealed record Appended(string Stream, IReadOnlyList<EvidenceEvent> Events) : AppendOutcome
    {
        /// <summary>The hash of the checkpoint this commit wrote (the stream's seal now); null when the store keeps none.</summary>
        public string? Seal { get; init; }
    }

    /// <summary>The delivery id was already applied; nothing was written. <paramref name="Stream"/> is where it was applied.</summary>
    public sealed record Duplicate(string Stream) : AppendOutcome;

    /// <summary>Someone appended first; nothing was written. Reload and decide again.</summary>
    public sealed record Conflict(long ActualSeq) : AppendOutcome;
}
