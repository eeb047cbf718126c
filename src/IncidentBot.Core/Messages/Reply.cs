namespace IncidentBot.Core.Messages;

/// <summary>Who sees a reply.</summary>
public enum ReplyVisibility
{
    /// <summary>Only the person who sent the command (usage, refusals, lists).</summary>
    Ephemeral,
    /// <summary>Everyone in the incident's conversation.</summary>
    Conversation,
}

/// <summary>One message the bot answers a command with.</summary>
public sealed record Reply(ReplyVisibility Visibility, Card Card);
