using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Commands;

// Conversations are bound by the engine, in commits, like everything else about an incident: a surface that started
// an incident's thread reports it here; it never writes a binding itself.
public sealed partial class IncidentEngine
{
    /// <summary>
    /// Binds the thread a surface started for an incident (its root message) so later messages go into it and commands
    /// typed there find the incident. <paramref name="deliveryId"/> identifies the report (the outbox item that posted
    /// the root), so reporting twice after a crash binds once. Returns false when the incident does not exist.
    /// </summary>
    public async Task<bool> RecordThreadAsync(string incidentId, ConversationReference thread, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(thread);
        using var _ = await locks.AcquireAsync(incidentId, cancellationToken).ConfigureAwait(false);
        // Queued behind the commands still being committed (see DecideAsync); the lock is held until this commits.
        var incident = folded.Latest(incidentId) ?? await folded.CurrentAsync(incidentId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (incident is null) return false;
            var after = incident.Copy();
            var drafts = Record(after, [new ConversationBound(thread)], Actor.System, thread.Surface, time.GetUtcNow(), incident.RunbookVersion);
            var appending = store.AppendAsync(new AppendRequest(incidentId, incident.LastSeq, drafts, deliveryId, after.Summarize(),
                Conversations: [thread]), cancellationToken);
            folded.Queue(incidentId, after, appending);
            var outcome = await folded.OutcomeAsync(incidentId, after, appending).ConfigureAwait(false);
            if (outcome is not AppendOutcome.Conflict) return true;
            incident = await folded.SettledAsync(incidentId, cancellationToken).ConfigureAwait(false);
            if (attempt >= MaxConflictRetries)
                throw new InvalidOperationException($"Could not bind {thread.Surface} thread {thread.Key} to {incidentId}: it kept changing.");
        }
    }

    /// <summary>
    /// Records a place the bot was told of by an authenticated request (a Teams team or chat it was added to), with
    /// what <paramref name="what"/> happened there, so incidents can later be announced in it. Once per <paramref name="deliveryId"/>.
    /// </summary>
    public async Task RecordConversationSeenAsync(ConversationReference conversation, string what, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var seen = new ConversationSeen(conversation.WithoutThread(), what);
        await store.AppendAsync(new AppendRequest(Streams.Bot, AppendRequest.AnySeq, [Draft(seen, Actor.System, conversation.Surface, null)], deliveryId,
            Conversations: [conversation.WithoutThread()]), cancellationToken).ConfigureAwait(false);
    }
}
