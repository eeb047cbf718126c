using System.Text;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Text helpers for Block Kit: escaping people's text for mrkdwn, and clipping or splitting it to Slack's limits
/// without ever cutting a surrogate pair or an escape sequence in half.
/// </summary>
public static class SlackText
{
    /// <summary>The ellipsis appended to clipped text.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> (Slack's three control characters), so <c>&lt;!channel&gt;</c> pings
    /// nobody and <c>&lt;https://evil|click&gt;</c> is shown as typed rather than as a link.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) sb.Append(EscapeChar(c));
        return sb.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/> (Slack sends message text escaped).</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units; clipped text ends with an ellipsis. Never splits a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text.Length <= max) return text;
        var cut = SafeCut(text, max - Ellipsis.Length);
        return text[..cut] + Ellipsis;
    }

    /// <summary>Escapes <paramref name="text"/> and clips the result to <paramref name="max"/> without cutting an entity or a surrogate pair.</summary>
    public static string EscapeClip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = Escape(text);
        if (escaped.Length <= max) return escaped;
        var take = PrefixFitting(text, 0, max - Ellipsis.Length);
        return Escape(text.Substring(0, take)) + Ellipsis;
    }

    /// <summary>Splits <paramref name="text"/> into pieces whose escaped length is at most <paramref name="max"/>,
    /// breaking at a line end or a space when one is in the second half of a piece. Returns the pieces escaped.</summary>
    public static IReadOnlyList<string> EscapeSplit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 8);
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var take = PrefixFitting(text, start, max);
            if (start + take < text.Length)
            {
                var window = text.AsSpan(start, take);
                var brk = window.LastIndexOf('\n');
                if (brk < take / 2) brk = window.LastIndexOf(' ');
                if (brk >= take / 2) take = brk + 1;
            }
            var piece = Escape(text.Substring(start, take)).TrimEnd();
            if (piece.Length > 0) pieces.Add(piece);
            start += take;
        }
        return pieces;
    }

    /// <summary>How many characters of <paramref name="text"/> from <paramref name="start"/> fit in <paramref name="budget"/> once escaped.</summary>
    private static int PrefixFitting(string text, int start, int budget)
    {
        var used = 0;
        var i = start;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var cost = width == 2 ? 2 : EscapeChar(text[i]).Length;
            if (used + cost > budget) break;
            used += cost;
            i += width;
        }
        return i - start;
    }

    /// <summary>The largest cut position &lt;= <paramref name="at"/> that does not split a surrogate pair.</summary>
    private static int SafeCut(string text, int at)
    {
        if (at <= 0) return 0;
        if (at >= text.Length) return text.Length;
        return char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;
    }

    private static string EscapeChar(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        _ => c.ToString(),
    };
}
