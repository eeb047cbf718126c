using System.Text;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// People's text made safe for Adaptive Cards. <c>TextBlock</c> and <c>Fact</c> text is markdown (bold, italic, lists,
/// <c>[text](url)</c>); <see cref="Markdown"/> keeps typed text from turning into emphasis or links on every Teams
/// renderer while leaving it readable. Neither form ever contains <c>${</c>, so no templating engine expands it.
/// </summary>
public static class TeamsText
{
    /// <summary>The ellipsis appended to clipped text.</summary>
    public const string Ellipsis = "…";

    /// <summary>U+2060 WORD JOINER: invisible, not white space, not punctuation. Put between two characters it stops
    /// them from being read as one piece of syntax (<c>](</c>, <c>${</c>, <c>&lt;scheme:</c>).</summary>
    public const char Joiner = '\u2060';

    /// <summary>
    /// Drops control characters (a tab becomes a space; <c>\r\n</c> and <c>\r</c> become <c>\n</c>), bidirectional
    /// overrides and isolates (they can make text read differently from what it is), and replaces a lone surrogate
    /// with U+FFFD so the text always encodes.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r') { if (i + 1 >= text.Length || text[i + 1] != '\n') sb.Append('\n'); }
            else if (c == '\n') sb.Append('\n');
            else if (c == '\t') sb.Append(' ');
            else if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') { }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><see cref="Clean"/>, then every run of white space (line breaks included) folded to one space, trimmed.</summary>
    public static string SingleLine(string text)
    {
        var clean = Clean(text);
        var sb = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            if (!char.IsWhiteSpace(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>For text Teams shows literally (action titles, input labels): <see cref="SingleLine"/> with
    /// <c>${</c> broken up.</summary>
    public static string Plain(string text) => BreakTemplates(SingleLine(text));

    /// <summary>
    /// For <c>TextBlock</c> and <c>Fact</c> text: <see cref="Clean"/>, then escaped so it shows as typed.
    /// <list type="bullet">
    /// <item><c>\</c> <c>*</c> <c>`</c> <c>~</c> get a backslash (CommonMark escapes), and so does <c>_</c> unless it
    /// sits between two letters or digits (<c>node_pool_a</c> can never be emphasis and stays as it is).</item>
    /// <item><c>](</c>, <c>][</c>, <c>]:</c> get a word joiner after the bracket, and so does <c>&lt;</c> before a
    /// non-space: no inline link, reference link, link definition or autolink can form. Backslashes alone would not
    /// do: Teams' older native renderers read <c>[</c> as a link start whatever precedes it.</item>
    /// <item><c>${</c> gets a word joiner, so it is never a template expression.</item>
    /// </list>
    /// Line starts such as <c>- </c> or <c>1. </c> stay: a list is formatting, not an injection.
    /// </summary>
    public static string Markdown(string text)
    {
        var clean = Clean(text);
        var sb = new StringBuilder(clean.Length + 16);
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            var next = i + 1 < clean.Length ? clean[i + 1] : '\0';
            switch (c)
            {
                case '\\' or '*' or '`' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '_':
                    var intraword = i > 0 && char.IsLetterOrDigit(clean[i - 1]) && char.IsLetterOrDigit(next);
                    if (!intraword) sb.Append('\\');
                    sb.Append(c);
                    break;
                case ']':
                    sb.Append(c);
                    if (next is '(' or '[' or ':') sb.Append(Joiner);
                    break;
                case '<':
                    sb.Append(c);
                    if (next != '\0' && !char.IsWhiteSpace(next)) sb.Append(Joiner);
                    break;
                case '$':
                    sb.Append(c);
                    if (next == '{') sb.Append(Joiner);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters; clipped text ends with an ellipsis. Never splits a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        return text.Length <= max ? text : text[..SafeCut(text, max - Ellipsis.Length)] + Ellipsis;
    }

    /// <summary>The largest cut position &lt;= <paramref name="at"/> that does not split a surrogate pair.</summary>
    public static int SafeCut(string text, int at)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (at <= 0) return 0;
        if (at >= text.Length) return text.Length;
        return char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;
    }

    private static string BreakTemplates(string text) =>
        text.Contains("${", StringComparison.Ordinal) ? text.Replace("${", "$" + Joiner + "{", StringComparison.Ordinal) : text;
}
