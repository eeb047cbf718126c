using System.Globalization;
using System.Text;

namespace IncidentBot.Core.Text;

/// <summary>
/// The one cleaner for text from outside (typed commands, alert titles, summaries, label names and values): white
/// space of every kind (line and paragraph separators, NEL, tabs, newlines) folds to single spaces, and characters
/// that are invisible or reorder what a reader sees are dropped: C0 and C1 controls (NUL, BEL, ESC, …), format
/// characters (text-direction overrides, embeddings and isolates U+202A–U+202E, U+2066–U+2069, marks U+200E, U+200F,
/// U+061C, zero-width characters) and the tag characters U+E0000–U+E007F. Never throws; lone surrogates become U+FFFD.
/// </summary>
public static class UntrustedText
{
    /// <summary>The cleaned text, trimmed, on one line. Reading stops once the result is longer than
    /// <paramref name="maxLength"/>, so a caller can refuse over-long text (result longer than the limit) without
    /// cleaning all of it.</summary>
    public static string Clean(string? text, int maxLength = int.MaxValue - 1)
    {
        if (string.IsNullOrEmpty(text)) return "";
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var sb = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        // By rune, not by char: the tag characters are surrogate pairs outside the basic plane, and each half alone
        // looks harmless.
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length > maxLength) break;
            if (Rune.IsWhiteSpace(rune)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else if (IsKept(rune)) sb.Append(rune.ToString());
        }
        return sb.ToString().Trim();
    }

    /// <summary>True when <paramref name="text"/> holds nothing <see cref="Clean"/> would drop or fold (single spaces
    /// only, no other white space).</summary>
    public static bool IsClean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var rune in text.EnumerateRunes())
            if ((Rune.IsWhiteSpace(rune) && rune.Value != ' ') || (!Rune.IsWhiteSpace(rune) && !IsKept(rune))) return false;
        return true;
    }

    private static bool IsKept(Rune rune) =>
        !Rune.IsControl(rune)
        && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        && rune.Value is not (>= 0xE0000 and <= 0xE007F);
}
