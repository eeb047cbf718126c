using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Core.Conversations;

/// <summary>
/// Sends an incident's changes to every conversation bound to it, not only to the one it was declared in: an incident
/// announced from an alert in Slack and in Teams is updated in both. One notification per conversation, committed with
/// the change; each surface's delivery keeps the incident's order.
/// </summary>
public static class NotificationRouter
{
    /// <summary>The notifications for a commit that changed <paramref name="after"/>.</summary>
    /// <param name="after">The incident with the commit's events folded in (for a declaration, its preview: no id yet).</param>
    /// <param name="actor">Who caused it.</param>
    /// <param name="card">What the thread is told; null for a declaration (the root is the message).</param>
    /// <param name="envelope">The command that caused it: a click is updated in place only on the surface it came from.</param>
    public static IEnumerable<OutboxDraft> Route(Incident after, Actor actor, Card? card, CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(envelope);
        var incidentId = after.Number > 0 ? after.Id : "";
        foreach (var conversation in after.Conversations)
        {
            if (!ReplyPolicy.ThreadHears(conversation, actor, envelope)) continue;
            var clicked = envelope.Surface == conversation.Surface ? envelope.ReplyTo : null;
            yield return OutboxDrafts.Notify(conversation.Surface,
                new Notification(incidentId, null, card, clicked, conversation.WithoutThread()));
        }
    }
}
