using System.Text;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Export;

/// <summary>
/// Text from people and systems made inert in Markdown (CommonMark with GitHub's tables and autolinks), escaping only
/// what would otherwise be read as markup, so the document still pastes cleanly into Confluence and Google Docs: one
/// line (<see cref="UntrustedText.Clean"/>); <c>[</c> <c>]</c> and backticks always; <c>&lt;</c> only where it could
/// open HTML or an autolink; <c>&amp;</c> only before an entity; <c>*</c> <c>_</c> <c>~</c> only where they could
/// emphasise; <c>:</c> of a URL scheme and the dot of <c>www.</c> (no autolinks); a leading heading, quote, list or
/// fence marker; <c>|</c> in table cells. <c>(</c>, <c>&gt;</c> mid-line and <c>_</c> inside words stay as they are.
/// </summary>
public static class MarkdownText
{
    /// <summary>Text placed where a block starts (a list item, a paragraph, a heading's text).</summary>
    public static string Block(string? text) => Escape(text, cell: false);

    /// <summary>Text placed in a table cell: as <see cref="Block"/>, and <c>|</c> escaped so it cannot add a cell.</summary>
    public static string Cell(string? text) => Escape(text, cell: true);

    private static string Escape(string? text, bool cell)
    {
        var s = UntrustedText.Clean(text).Trim();
        var sb = new StringBuilder(s.Length + 8);
        var lead = LeadingMarker(s);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (i == lead || NeedsEscape(s, i, cell)) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string s, int i, bool cell)
    {
        var ch = s[i];
        char? prev = i > 0 ? s[i - 1] : null, next = i + 1 < s.Length ? s[i + 1] : null;
        return ch switch
        {
            '[' or ']' or '`' => true,
            '|' => cell,
            '\\' => next is null || (next < 128 && !char.IsAsciiLetterOrDigit(next.Value) && !char.IsWhiteSpace(next.Value)),
            '<' => next is { } n && (char.IsAsciiLetter(n) || n is '/' or '!' or '?'),
            '&' => EntityFollows(s, i),
            '*' or '~' => !(IsSpace(prev) && IsSpace(next)),
            '_' => !(IsWordChar(prev) && IsWordChar(next)) && !(IsSpace(prev) && IsSpace(next)),
            ':' => SchemeBefore(s, i) && next == '/' || EndsWith(s, i, "mailto") || EndsWith(s, i, "tel"),
            '.' => EndsWith(s, i, "www"),
            _ => false,
        };
    }

    /// <summary>The index of a character that would start a block construct at the start of the text, or -1.</summary>
    private static int LeadingMarker(string s)
    {
        if (s.Length == 0) return -1;
        if (s[0] is '#' or '>' or '+' or '-' or '*' or '~') return 0;
        var digits = 0;
        while (digits < s.Length && digits < 9 && char.IsAsciiDigit(s[digits])) digits++;
        return digits > 0 && digits < s.Length && s[digits] is '.' or ')' ? digits : -1;
    }

    private static bool EntityFollows(string s, int i)
    {
        var j = i + 1;
        while (j < s.Length && j - i <= 32 && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '#')) j++;
        return j > i + 1 && j < s.Length && s[j] == ';';
    }

    private static bool SchemeBefore(string s, int i) =>
        EndsWith(s, i, "http") || EndsWith(s, i, "https") || EndsWith(s, i, "ftp");

    private static bool EndsWith(string s, int i, string word) =>
        i >= word.Length && s.AsSpan(i - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
        && (i == word.Length || !char.IsAsciiLetter(s[i - word.Length - 1]));

    private static bool IsSpace(char? c) => c is null || char.IsWhiteSpace(c.Value);

    private static bool IsWordChar(char? c) => c is { } x && char.IsLetterOrDigit(x);
}
