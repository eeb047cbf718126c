using System.Net;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// Turns what someone typed to the bot in Teams into a command line of the shared grammar: the bot's mention is
/// stripped (with and without the <c>@</c> Teams sometimes puts inside it), HTML entities decoded, and
/// <c>@IncidentBot incident declare …</c>, <c>@IncidentBot declare …</c> and <c>/incident …</c> all become
/// <c>/incident declare …</c>.
/// </summary>
public static class TeamsCommandText
{
    /// <summary>The command line, or null when nothing is left after the mention.</summary>
    public static string? ToCommandLine(string? text, IReadOnlyList<string> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        if (text is null) return null;
        foreach (var mention in mentions)
        {
            text = text.Replace(mention, " ", StringComparison.OrdinalIgnoreCase);
            if (mention.StartsWith("<at>@", StringComparison.OrdinalIgnoreCase))
                text = text.Replace("<at>" + mention[5..], " ", StringComparison.OrdinalIgnoreCase);
            else if (mention.StartsWith("<at>", StringComparison.OrdinalIgnoreCase))
                text = text.Replace("<at>@" + mention[4..], " ", StringComparison.OrdinalIgnoreCase);
        }
        // Teams sends message text as HTML-ish text: entities and stray tags are not part of what was typed.
        text = WebUtility.HtmlDecode(text.Replace("<p>", " ", StringComparison.OrdinalIgnoreCase).Replace("</p>", " ", StringComparison.OrdinalIgnoreCase))
            .Replace('\u00A0', ' ').Trim();
        if (text.Length == 0) return null;
        if (text.StartsWith('/')) text = text[1..].TrimStart();
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rest = words[0].Equals("incident", StringComparison.OrdinalIgnoreCase) ? (words.Length > 1 ? words[1] : "") : text;
        return "/incident " + rest;
    }
}
