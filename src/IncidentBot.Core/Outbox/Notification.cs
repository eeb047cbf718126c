using IncidentBot.Core.Conversations;
using IncidentBot.Core.Messages;

namespace IncidentBot.Core.Outbox;

/// <summary>Payload of a <see cref="OutboxKind.Notify"/> item: one change of an incident for one of its conversations.</summary>
/// <param name="IncidentId">The incident; empty for a declaration, whose id is the outbox item's stream (the store
/// allocates it in the same commit).</param>
/// <param name="Conversation">Legacy rows: where the incident was declared on its surface, as a key. New rows use
/// <paramref name="To"/>.</param>
/// <param name="Card">Legacy rows: the card to post in the thread. New rows leave it null and name their events instead
/// (<paramref name="FromSeq"/>..<paramref name="ToSeq"/>), described and rendered at delivery; a row with neither is a
/// declaration: the root (the incident's current card) is the message.</param>
/// <param name="UpdateInPlace">The surface's reference to the message whose button caused this, to be updated in
/// place; set only on the conversation of the surface the click came from.</param>
/// <param name="To">The conversation (channel level) this item is for.</param>
/// <param name="FromSeq">The first event of the incident's stream that this commit stored (0: none recorded).</param>
/// <param name="ToSeq">The last event this commit stored.</param>
/// <param name="NeedsAction">True when people must act on what this commit changed (it offers new buttons): the thread
/// gets the incident's full card, not only a line per event.</param>
public sealed record Notification(string IncidentId, string? Conversation, Card? Card, string? UpdateInPlace = null, ConversationReference? To = null,
    long FromSeq = 0, long ToSeq = 0, bool NeedsAction = false)
{
    /// <summary>True for a row that names its events (seq range) rather than carrying a card.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DescribesEvents => FromSeq > 0 && ToSeq >= FromSeq;
}
