using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace IncidentBot.TestSupport.Secrets;

/// <summary>
/// Hostile secrets and every form in which a secret may end up in a text, generated here independently of the bot's
/// redactor: raw; percent-encoded (upper and lower hex, <c>+</c> or <c>%20</c> for a space, WebUtility and HttpUtility);
/// as <see cref="Uri.ToString"/> and <see cref="Uri.AbsoluteUri"/> write it in a path and in a query; JSON-escaped (System.Text.Json's
/// default and relaxed encoders, and with <c>\/</c>); base64 (standard and URL-safe, with and without padding) alone and as a
/// Basic credential <c>deploy:secret</c>.
/// </summary>
public static partial class SecretForms
{
    /// <summary>A 64-byte token in base64 (fixed seed, so a failure can be replayed).</summary>
    public static readonly string LongBase64Token = Convert.ToBase64String(RandomBytes(64));

    /// <summary>Secrets with characters that change under every encoding, plus a long base64 token.</summary>
    public static readonly IReadOnlyList<string> Hostile = ["dT0k/En+Zz9=Q&x<y>", "pass word/1", "p@ss w0rd", "ключ/1", LongBase64Token];

    /// <summary>The Basic credential the tests build from a secret: <c>base64("deploy:" + secret)</c>.</summary>
    public static string Basic(string secret) => Convert.ToBase64String(Encoding.UTF8.GetBytes("deploy:" + secret));

    /// <summary>Every form of <paramref name="secret"/> (distinct).</summary>
    public static IReadOnlyList<string> Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var escaped = Uri.EscapeDataString(secret);
        var percent = new List<string> { escaped, Lower(escaped), escaped.Replace("%20", "+"), Lower(escaped).Replace("%20", "+"),
            WebUtility.UrlEncode(secret), HttpUtility.UrlEncode(secret), HttpUtility.UrlPathEncode(secret) };
        var forms = new List<string> { secret };
        forms.AddRange(percent);
        foreach (var inUrl in percent.Append(secret))
            forms.AddRange(AsUri(inUrl));
        var json = JsonEncodedText.Encode(secret).Value;
        var relaxed = JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        forms.AddRange([json, relaxed, json.Replace("/", "\\/"), relaxed.Replace("/", "\\/"), JsonSerializer.Serialize(secret).Trim('"')]);
        var bytes = Encoding.UTF8.GetBytes(secret);
        forms.AddRange(Base64(Convert.ToBase64String(bytes)));
        forms.AddRange(Base64(Basic(secret)));
        return forms.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The forms of every secret found in <paramref name="text"/>, as <c>secret → form</c> lines (empty when none).</summary>
    public static IReadOnlyList<string> FoundIn(string text, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.SelectMany(s => Of(s).Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{s} → {f}")).ToList();
    }

    /// <summary>The path segment and query value as a <see cref="Uri"/> prints them, both ways.</summary>
    private static IEnumerable<string> AsUri(string inUrl)
    {
        if (inUrl.AsSpan().IndexOfAny('?', '#') >= 0) yield break;
        if (!Uri.TryCreate("http://h.invalid/p/" + inUrl + "?q=" + inUrl, UriKind.Absolute, out var uri)) yield break;
        foreach (var printed in new[] { uri.ToString(), uri.AbsoluteUri })
        {
            var query = printed.IndexOf("?q=", StringComparison.Ordinal);
            yield return printed["http://h.invalid/p/".Length..query];
            yield return printed[(query + 3)..];
        }
    }

    private static IEnumerable<string> Base64(string padded)
    {
        var url = padded.Replace('+', '-').Replace('/', '_');
        return [padded, padded.TrimEnd('='), url, url.TrimEnd('=')];
    }

    private static string Lower(string escaped) => LowerHex().Replace(escaped, m => m.Value.ToLowerInvariant());

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
#pragma warning disable CA5394 // a fixed seed on purpose: a test secret, not a real one
        new Random(8).NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex LowerHex();
}
