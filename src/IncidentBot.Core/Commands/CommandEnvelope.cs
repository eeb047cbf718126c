namespace IncidentBot.Core.Commands;

/// <summary>A command line as a surface received it, before parsing.</summary>
/// <param name="Surface">One of <see cref="Evidence.Surfaces"/>.</param>
/// <param name="UserId">The surface's user id (Slack <c>U…</c>, Teams AAD id, console person id).</param>
/// <param name="Text">What was typed, e.g. <c>/incident approve INC-7 looks right</c>.</param>
/// <param name="ConversationKey">The thread or conversation it was typed in (selects the incident when no INC-n is given).</param>
/// <param name="DeliveryId">The request's identity on its surface; a second delivery with the same id applies once.</param>
/// <param name="ReplyTo">The surface's opaque reference to the message a clicked button was on, so the card can be
/// updated in place; null for typed commands.</param>
/// <param name="Conversation">The place it was typed in, typed (for Teams with the service URL of the authenticated
/// activity): a declaration binds its incident there. Null when the surface has none to offer.</param>
public sealed record CommandEnvelope(string Surface, string UserId, string Text, string? ConversationKey = null, string? DeliveryId = null, string? ReplyTo = null,
    Conversations.ConversationReference? Conversation = null);

/// <summary>What the engine answers a command with.</summary>
/// <param name="IncidentId">The incident the command was about, if any.</param>
/// <param name="Replies">Messages to show, in order.</param>
/// <param name="Outcome">Whether the command changed something, was refused, only read, or was a duplicate.</param>
public sealed record CommandResult(string? IncidentId, IReadOnlyList<Messages.Reply> Replies, CommandOutcome Outcome);

/// <summary>How a command ended.</summary>
public enum CommandOutcome
{
    /// <summary>Accepted: new events were committed.</summary>
    Applied,
    /// <summary>Refused; the refusal was committed as evidence.</summary>
    Refused,
    /// <summary>Only read (status, list, help...), or bad input answered with usage: nothing was written.</summary>
    Answered,
    /// <summary>The same delivery was applied before; nothing new was written.</summary>
    Duplicate,
}
