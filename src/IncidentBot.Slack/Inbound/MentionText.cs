using System.Text.RegularExpressions;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Inbound;

/// <summary>Turns the text of an <c>@IncidentBot approve</c> mention into a command line.</summary>
public static partial class MentionText
{
    /// <summary>Strips the leading <c>&lt;@U…&gt;</c> mention(s), unescapes Slack's entities, and makes it an
    /// <c>/incident …</c> command line (kept as is when it already starts with <c>/incident</c>).</summary>
    public static string ToCommandLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = SlackText.Unescape(LeadingMentions().Replace(text, "")).Trim();
        return rest.StartsWith("/incident", StringComparison.OrdinalIgnoreCase) && (rest.Length == 9 || char.IsWhiteSpace(rest[9]))
            ? rest
            : "/incident " + rest;
    }

    [GeneratedRegex(@"^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMentions();
}
