using IncidentBot.Core.Conversations;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Outbox;

/// <summary>
/// What a sender gets for one notification: the conversation as currently bound (with its thread once the root
/// exists), the incident's current card for the root, and what changed.
/// </summary>
/// <param name="OutboxId">The outbox row (for logs).</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="Conversation">Where to deliver. <c>Thread</c> null: the incident has no root message here yet, so
/// the sender posts <paramref name="Current"/> as the root and reports the thread it started.</param>
/// <param name="Current">The incident's card as it stands now: the root message shows it, updated in place.</param>
/// <param name="Change">The message for the thread (what happened, with buttons where people must act); null for a
/// declaration, whose root is the message.</param>
/// <param name="UpdateInPlace">The surface's reference to the message whose button caused this, to be updated in
/// place (a Slack <c>channel/ts</c>, a Teams activity id); null when the command was typed.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Lines">What happened, one plain-text line per event in commit order (the surface escapes them), posted
/// into the thread as one message; null or empty: none. When <paramref name="Change"/> is set too, the lines are already
/// in its text and nothing else is posted.</param>
/// <param name="RefreshRoot">False when a later delivery of the same batch refreshes the root anyway (only the last one
/// of a batch updates it, so a burst costs one <c>chat.update</c>).</param>
public sealed record NotificationDelivery(
    long OutboxId,
    string IncidentId,
    ConversationReference Conversation,
    Card Current,
    Card? Change,
    string? UpdateInPlace,
    int Attempt,
    IReadOnlyList<string>? Lines = null,
    bool RefreshRoot = true);
