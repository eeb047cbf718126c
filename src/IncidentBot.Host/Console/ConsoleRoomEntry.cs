using System.Text.Json.Serialization;
using IncidentBot.Core.Messages;

namespace IncidentBot.Host.Console;

/// <summary>
/// One thing said in the console's room. <see cref="Kind"/> is <c>message</c> (a person's line: <see cref="User"/>,
/// <see cref="Text"/>), <c>reply</c> (the bot's public answer to it) or <c>notification</c> (the bot speaking on its own);
/// the last two carry a <see cref="Card"/>.
/// </summary>
/// <param name="Id">Position in the room; only grows, across restarts too.</param>
/// <param name="Kind"><c>message</c>, <c>reply</c> or <c>notification</c>.</param>
/// <param name="IncidentId">The thread: the incident, or null for the channel.</param>
/// <param name="Time">When the room got it.</param>
/// <param name="User">Who said a message.</param>
/// <param name="Text">What they typed.</param>
/// <param name="Card">The bot's card.</param>
/// <param name="Tab">The page that posted a message and got its replies already (it skips them in the stream).</param>
/// <param name="OutboxId">The notification's outbox row (a re-delivery is added once).</param>
public sealed record ConsoleRoomEntry(
    long Id,
    string Kind,
    string? IncidentId,
    DateTimeOffset Time,
    string? User = null,
    string? Text = null,
    Card? Card = null,
    string? Tab = null,
    [property: JsonIgnore] long? OutboxId = null)
{
    /// <summary>A person's line.</summary>
    public const string Message = "message";

    /// <summary>The bot's public reply to a message.</summary>
    public const string Reply = "reply";

    /// <summary>The bot speaking on its own (a delivered console notification).</summary>
    public const string Notification = "notification";
}
