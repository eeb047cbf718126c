using System.Text.Encodings.Web;
using System.Text.Json;
using IncidentBot.Core.Execution;

namespace IncidentBot.Integrations.Http;

/// <summary>Turns text that may contain secrets into evidence: one line, bounded, every secret replaced by <c>***</c>.</summary>
internal static class EvidenceText
{
    /// <summary>How much of a response body a summary keeps.</summary>
    public const int ResponseChars = 300;

    /// <summary>
    /// <see cref="TemplateValues.Redact"/> over the secrets as given and as they look once URI- or JSON-escaped
    /// (a server may echo the request back), so a secret is hidden whichever way it travelled.
    /// </summary>
    public static string Redact(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!name.StartsWith("secret.", StringComparison.Ordinal)) continue;
            secrets[name] = value;
            secrets[name + "#uri"] = Uri.EscapeDataString(value);
            secrets[name + "#json"] = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
            secrets[name + "#json-strict"] = JsonEncodedText.Encode(value).Value;
        }
        // Longest first, so a secret's escaped form is not half-replaced by a shorter one.
        foreach (var (name, value) in secrets.OrderByDescending(s => s.Value.Length).ToList())
            text = TemplateValues.Redact(text, new Dictionary<string, string> { [name] = value });
        return text;
    }

    /// <summary>The first <see cref="ResponseChars"/> characters of a body, on one line.</summary>
    public static string Excerpt(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var cut = body.Length > ResponseChars ? body[..ResponseChars] + "…" : body;
        return cut.ReplaceLineEndings(" ").Trim();
    }
}
