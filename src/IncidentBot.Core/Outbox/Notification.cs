using IncidentBot.Core.Conversations;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Outbox;

/// <summary>Payload of a <see cref="OutboxKind.Notify"/> item: one change of an incident for one of its conversations.</summary>
/// <param name="IncidentId">The incident; empty for a declaration, whose id is the outbox item's stream (the store
/// allocates it in the same commit).</param>
/// <param name="Conversation">Legacy rows: where the incident was declared on its surface, as a key. New rows use
/// <paramref name="To"/>.</param>
/// <param name="Card">What to post in the thread; null for a declaration: the root (the incident's current card) is the message.</param>
/// <param name="UpdateInPlace">The surface's reference to the message whose button caused this, to be updated in
/// place; set only on the conversation of the surface the click came from.</param>
/// <param name="To">The conversation (channel level) this item is for.</param>
public sealed record Notification(string IncidentId, string? Conversation, Card? Card, string? UpdateInPlace = null, ConversationReference? To = null);
