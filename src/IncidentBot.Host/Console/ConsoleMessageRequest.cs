namespace IncidentBot.Host.Console;

/// <summary>Body of <c>POST /api/console/messages</c>.</summary>
/// <param name="User">Person id (from <c>Governance:People</c>) the message is sent as.</param>
/// <param name="Text">The command line, e.g. <c>/incident approve</c>.</param>
/// <param name="Thread">The incident thread it was typed in (<c>INC-n</c>), or null for the channel.</param>
/// <param name="DeliveryId">Optional identity; a repeat with the same id applies once (the page sends one per button and card version).</param>
/// <param name="Tab">Optional id of the posting page (64 characters at most): the room's stream carries it with the line
/// and its replies, so that page, which shows them from this response, skips them there.</param>
public sealed record ConsoleMessageRequest(string? User, string? Text, string? Thread, string? DeliveryId, string? Tab = null);
