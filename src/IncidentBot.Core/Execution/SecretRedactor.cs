namespace IncidentBot.Core.Execution;

/// <summary>
/// Knows every form of every configured secret (<c>secret.NAME</c> template values) and replaces each occurrence in a
/// text with <c>***</c>: the second line of defence behind recording templates instead of rendered values. A secret is
/// found however it travelled, character by character in any mixture of: as written; percent-encoded UTF-8 in either hex
/// case, with <c>+</c> or <c>%20</c> for a space (what <c>Uri.EscapeDataString</c>, <c>WebUtility.UrlEncode</c>,
/// <c>HttpUtility.UrlEncode</c>, <c>Uri.ToString()</c> and <c>Uri.AbsoluteUri</c> write, a backslash turned into a slash
/// as <c>Uri</c> does in a path); JSON-escaped (<c>\u002B</c> in
/// either case, surrogate pairs, <c>\/</c>, <c>\"</c> …); as an HTML character reference (<c>&amp;lt;</c>, <c>&amp;#x3C;</c>).
/// Its UTF-8 bytes are also found as base64 (standard and URL-safe, with or without padding, at any byte alignment, so
/// inside <c>base64("user:" + secret)</c> of a Basic header as well; the whole base64 run is then hidden) and as hex.
/// Secrets shorter than <see cref="MinimumLength"/> characters are not looked for (they would match ordinary words);
/// configuration refuses them at start-up.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>The shortest secret the redactor can look for without hiding ordinary text: 4 characters.</summary>
    public const int MinimumLength = 4;

    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>A redactor that knows no secret: returns every text unchanged.</summary>
    public static readonly SecretRedactor None = new([]);

    /// <summary>Most characters one character of a secret can take once encoded (<c>\uD83D\uDE00</c> is 12 for 2).</summary>
    private const int LongestEncodingPerChar = 12;

    private readonly string[] secrets;
    private readonly Dictionary<char, List<string>> blobsByFirstChar;

    private SecretRedactor(IEnumerable<string> secretValues)
    {
        // Longest first: where one secret contains another, the whole of the longer one goes.
        secrets = secretValues.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
        blobsByFirstChar = EncodedForms(secrets);
    }

    /// <summary>The redactor of the <c>secret.*</c> entries of a step's or check's template values (see <see cref="TemplateValues.For"/>).</summary>
    public static SecretRedactor For(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new SecretRedactor(values.Where(v => v.Key.StartsWith(TemplateValues.SecretPrefix, StringComparison.Ordinal)).Select(v => v.Value));
    }

    /// <summary>The redactor of configured secrets (<see cref="ExecutionSettings.Secrets"/>, by name without prefix).</summary>
    public static SecretRedactor ForSecrets(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);
        return new SecretRedactor(secretValues);
    }

    /// <summary>Whether the redactor knows any secret at all.</summary>
    public bool IsEmpty => secrets.Length == 0;

    /// <summary><paramref name="text"/> with every occurrence of every form of every secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (secrets.Length == 0 || text.Length == 0) return text;
        List<(int Start, int End)>? spans = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (Find(text, i) is not { } span) continue;
            (spans ??= []).Add(span);
            i = span.End - 1;
        }
        return spans is null ? text : Replace(text, spans);
    }

    /// <summary>
    /// The first <paramref name="length"/> characters of the redacted <paramref name="text"/>, then <c>…</c> if there was
    /// more: for excerpts of large bodies. Redaction always comes before the cut (half a secret is not recognisable),
    /// and only as much of a long text is redacted as the excerpt needs: a growing prefix, until the redacted part
    /// reaches past the excerpt by more than the longest form a secret can take.
    /// </summary>
    public string RedactedStart(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var margin = secrets.Length == 0 ? 0 : secrets[0].Length * LongestEncodingPerChar;
        var window = Math.Min(text.Length, Math.Max(4096, 2 * (length + margin)));
        while (true)
        {
            var whole = window == text.Length;
            var redacted = Redact(whole ? text : text[..window]);
            if (whole || redacted.Length > length + margin) return redacted.Length > length ? redacted[..length] + "…" : redacted;
            window = (int)Math.Min(text.Length, 4L * window);
        }
    }

    /// <summary>The longest secret occurrence starting at <paramref name="i"/> (a base64 or hex one widened to its whole run).</summary>
    private (int Start, int End)? Find(string text, int i)
    {
        var end = -1;
        foreach (var secret in secrets)
            end = Math.Max(end, MatchSecret(text, i, secret));
        var blobEnd = MatchBlob(text, i);
        if (blobEnd > end) return Widen(text, i, blobEnd);
        return end > i ? (i, end) : null;
    }

    private static string Replace(string text, List<(int Start, int End)> spans)
    {
        // A widened base64 run may reach back over an earlier span: overlapping spans become one mask.
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        foreach (var (start, end) in spans)
        {
            if (end <= copied) continue;
            if (start >= copied) sb.Append(text, copied, start - copied).Append(Mask);
            copied = end;
        }
        return sb.Append(text, copied, text.Length - copied).ToString();
    }
}
