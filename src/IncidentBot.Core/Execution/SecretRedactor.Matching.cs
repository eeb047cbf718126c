using System.Globalization;
using System.Text;

namespace IncidentBot.Core.Execution;

/// <summary>Finding one secret at one position, each of its characters in any of the text encodings it may travel in.</summary>
public sealed partial class SecretRedactor
{
    /// <summary>The end of <paramref name="secret"/> if it starts at <paramref name="i"/> in any mixture of encodings, else -1.</summary>
    private static int MatchSecret(string text, int i, string secret)
    {
        var c = text[i];
        // Cheap rejection: every way to write the first character starts with the character itself or an escape lead.
        if (c != secret[0] && c != '%' && c != '\\' && c != '&' && !(c == '+' && secret[0] == ' ') && !(c == '/' && secret[0] == '\\')) return -1;
        return MatchFrom(text, i, secret, 0);
    }

    private static int MatchFrom(string text, int i, string secret, int s)
    {
        // Iterative while only one way fits; recursion only where the secret's own character is also an escape lead
        // ('%', '\\', '&', '+'), so both readings must be tried. No allocation: response bodies can be 1 MiB.
        while (s < secret.Length)
        {
            if (i >= text.Length || Rune.DecodeFromUtf16(secret.AsSpan(s), out var rune, out var used) != System.Buffers.OperationStatus.Done) return -1;
            var literal = Literal(text, i, rune);
            var escaped = Escaped(text, i, rune);
            if (literal >= 0 && escaped >= 0)
            {
                var end = MatchFrom(text, literal, secret, s + used);
                if (end >= 0) return end;
            }
            i = escaped >= 0 ? escaped : literal;
            if (i < 0) return -1;
            s += used;
        }
        return i;
    }

    /// <summary>The end of the character written as an escape at <paramref name="i"/>, or -1.</summary>
    private static int Escaped(string text, int i, Rune rune) => text[i] switch
    {
        '+' => rune.Value == ' ' ? i + 1 : -1,
        '/' => rune.Value == '\\' ? i + 1 : -1,   // Uri turns a backslash in an http path into a slash
        '%' => Percent(text, i, rune),
        '\\' => JsonEscape(text, i, rune),
        '&' => HtmlReference(text, i, rune),
        _ => -1,
    };

    private static int Literal(string text, int i, Rune rune) =>
        Rune.DecodeFromUtf16(text.AsSpan(i), out var found, out var used) == System.Buffers.OperationStatus.Done && found == rune ? i + used : -1;

    /// <summary><c>%XX</c> for every UTF-8 byte of the character, hex in either case.</summary>
    private static int Percent(string text, int i, Rune rune)
    {
        Span<byte> bytes = stackalloc byte[4];
        var count = rune.EncodeToUtf8(bytes);
        for (var b = 0; b < count; b++, i += 3)
            if (i + 2 >= text.Length || text[i] != '%' || Hex(text.AsSpan(i + 1, 2)) != bytes[b]) return -1;
        return i;
    }

    /// <summary><c>\uXXXX</c> (a surrogate pair for characters beyond the BMP), or the short escapes <c>\/ \" \\ \' \b \f \n \r \t</c>.</summary>
    private static int JsonEscape(string text, int i, Rune rune)
    {
        if (i + 1 >= text.Length) return -1;
        var shortForm = text[i + 1] switch
        {
            '/' => '/', '"' => '"', '\\' => '\\', '\'' => '\'', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t',
            _ => '\0',
        };
        if (shortForm != '\0') return rune.Value == shortForm ? i + 2 : -1;
        Span<char> units = stackalloc char[2];
        var count = rune.EncodeToUtf16(units);
        for (var u = 0; u < count; u++, i += 6)
            if (i + 5 >= text.Length || text[i] != '\\' || text[i + 1] is not ('u' or 'U') || Hex(text.AsSpan(i + 2, 4)) != units[u]) return -1;
        return i;
    }

    /// <summary><c>&amp;lt;</c>, <c>&amp;gt;</c>, <c>&amp;amp;</c>, <c>&amp;quot;</c>, <c>&amp;apos;</c>, <c>&amp;#NN;</c>, <c>&amp;#xHH;</c>.</summary>
    private static int HtmlReference(string text, int i, Rune rune)
    {
        var semicolon = text.IndexOf(';', i, Math.Min(12, text.Length - i));
        if (semicolon < 0) return -1;
        var name = text.AsSpan(i + 1, semicolon - i - 1);
        int value = name switch
        {
            "lt" => '<', "gt" => '>', "amp" => '&', "quot" => '"', "apos" => '\'',
            ['#', 'x' or 'X', .. var hex] => Hex(hex),
            ['#', .. var dec] => int.TryParse(dec, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1,
            _ => -1,
        };
        return value == rune.Value ? semicolon + 1 : -1;
    }

    /// <summary>The value of 1 to 6 hex digits, or -1.</summary>
    private static int Hex(ReadOnlySpan<char> digits) =>
        digits.Length is > 0 and <= 6 && int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : -1;
}
