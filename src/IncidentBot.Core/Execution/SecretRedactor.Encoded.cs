using System.Text;

namespace IncidentBot.Core.Execution;

/// <summary>A secret's bytes as base64 and hex: whole forms, found as written and hidden with the run they sit in.</summary>
public sealed partial class SecretRedactor
{
    /// <summary>Shortest base64 piece looked for when a secret sits inside a larger base64 text (6 bytes).</summary>
    private const int MinimumPiece = 8;

    private static Dictionary<char, List<string>> EncodedForms(IEnumerable<string> secrets)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            forms.Add(Convert.ToHexString(bytes));
            forms.Add(Convert.ToHexStringLower(bytes));
            AddBase64(forms, Convert.ToBase64String(bytes), whole: true);
            // Inside base64("user:" + secret) the secret starts at any byte offset; the base64 of its bytes from the
            // first group boundary on, cut to whole groups, is written out unchanged whatever surrounds it.
            for (var skip = 0; skip < 3; skip++)
            {
                var groups = (bytes.Length - skip) / 3;
                if (groups <= 0) continue;
                var piece = Convert.ToBase64String(bytes, skip, groups * 3);
                if (piece.Length >= MinimumPiece) AddBase64(forms, piece, whole: false);
            }
        }
        return forms.Where(f => f.Length >= MinimumLength)
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Length).ToList());
    }

    private static void AddBase64(HashSet<string> forms, string padded, bool whole)
    {
        var bare = padded.TrimEnd('=');
        var url = bare.Replace('+', '-').Replace('/', '_');
        forms.Add(bare);
        forms.Add(url);
        if (!whole) return;
        forms.Add(padded);
        forms.Add(url + new string('=', padded.Length - bare.Length));
    }

    /// <summary>The end of the longest base64 or hex form starting at <paramref name="i"/>, or -1.</summary>
    private int MatchBlob(string text, int i)
    {
        if (!blobsByFirstChar.TryGetValue(text[i], out var forms)) return -1;
        foreach (var form in forms)
            if (string.CompareOrdinal(text, i, form, 0, form.Length) == 0 && i + form.Length <= text.Length) return i + form.Length;
        return -1;
    }

    /// <summary>
    /// The whole base64 run around a match (a Basic credential, a token that embeds the secret), so no neighbouring
    /// character that still encodes part of the secret survives. Leftwards it stops at <c>=</c>, which ends base64
    /// and separates <c>name=value</c>.
    /// </summary>
    private static (int Start, int End) Widen(string text, int start, int end)
    {
        while (start > 0 && IsBase64(text[start - 1])) start--;
        while (end < text.Length && (IsBase64(text[end]) || text[end] == '=')) end++;
        return (start, end);
    }

    private static bool IsBase64(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_';
}
