using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Core.Conversations;

/// <summary>
/// Sends an incident's changes to every conversation bound to it, not only to the one it was declared in: an incident
/// announced from an alert in Slack and in Teams is updated in both. One notification per conversation, committed with
/// the change; each surface's delivery keeps the incident's order. A notification names the commit's events (its
/// sequence range) and says whether people must act; delivery describes the events and renders cards from the state
/// the incident has then, so a commit renders nothing it does not show.
/// </summary>
public static class NotificationRouter
{
    /// <summary>The notifications for a declaration: the root card is the message.</summary>
    /// <param name="preview">The declared incident (no id yet: the store allocates it with the commit).</param>
    /// <param name="actor">Who declared it.</param>
    /// <param name="envelope">The command that caused it.</param>
    public static IEnumerable<OutboxDraft> Declared(Incident preview, Actor actor, CommandEnvelope envelope) =>
        Route(preview, actor, envelope, 0, 0, false);

    /// <summary>The notifications for a commit that stored events <paramref name="fromSeq"/>..<paramref name="toSeq"/> of
    /// <paramref name="after"/>.</summary>
    /// <param name="after">The incident with the commit's events folded in.</param>
    /// <param name="actor">Who caused it.</param>
    /// <param name="envelope">The command that caused it: a click is updated in place only on the surface it came from.</param>
    /// <param name="fromSeq">The commit's first event.</param>
    /// <param name="toSeq">The commit's last event.</param>
    /// <param name="needsAction">Whether the thread gets the full card (<see cref="NeedsAction"/>).</param>
    public static IEnumerable<OutboxDraft> Route(Incident after, Actor actor, CommandEnvelope envelope, long fromSeq, long toSeq, bool needsAction)
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
                new Notification(incidentId, null, null, clicked, conversation.WithoutThread(), fromSeq, toSeq, needsAction));
        }
    }

    /// <summary>
    /// Whether people must act on what a commit changed, so its thread message is the full card with its buttons rather
    /// than a line per event: the incident moved to another state (new legal moves: choose, approve, start the review …),
    /// a new containment attempt began, or the bot reports something a person has to answer (a step handed to people, a
    /// failed execution or check, an inconclusive verification, a reminder, an expired approval). Notes, single
    /// approvals short of the quorum, passing polls and review entries are lines.
    /// </summary>
    public static bool NeedsAction(Incident before, Incident after, IReadOnlyList<IncidentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(events);
        return after.State != before.State || before.Current?.Attempt != after.Current?.Attempt
            || events.Any(e => e is ExecutionFailed or VerificationFailed or VerificationInconclusive or ApprovalReminderSent
                or ApprovalExpired or ReviewReminderSent || (e is StepCompleted s && TimelineText.IsHandedToPeople(s)));
    }
}
