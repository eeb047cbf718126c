namespace IncidentBot.Slack;

/// <summary>
/// How Slack places map to conversation keys in the store. A channel (<c>C123</c>) is bound to the incident last
/// declared in it, so a slash command typed there without INC-n finds it; an incident's thread is bound as
/// <c>C123/1700000000.000100</c> (channel and the root message's ts), which is also the form of a message reference
/// (<see cref="Core.Commands.CommandEnvelope.ReplyTo"/>).
/// </summary>
public static class SlackConversations
{
    /// <summary><c>channel/ts</c>.</summary>
    public static string Message(string channel, string ts) => channel + "/" + ts;

    /// <summary>Splits <c>channel/ts</c>; false for a bare channel key or anything else.</summary>
    public static bool TryParseMessage(string? key, out string channel, out string ts)
    {
        (channel, ts) = ("", "");
        var slash = key?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || slash == key!.Length - 1) return false;
        (channel, ts) = (key[..slash], key[(slash + 1)..]);
        return true;
    }
}
