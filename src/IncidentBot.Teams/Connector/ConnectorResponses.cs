using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Connector;

/// <summary>Reading the small JSON bodies the connector and the token endpoint answer with.</summary>
internal static class ConnectorResponses
{
    /// <summary>Bodies larger than this are not read: every answer we need is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Codes copied from a body into <see cref="TeamsApiException.ErrorCode"/> must look like codes: they reach
    /// logs and messages, so a body cannot smuggle text into them.</summary>
    private const int MaxCodeLength = 64;

    /// <summary>The body as a JSON object, or null when it is empty, too large or not a JSON object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is > MaxBodyBytes) return null;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length == 0) return null;
            try
            {
                return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>A string property, or null.</summary>
    public static string? StringOf(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary><paramref name="candidate"/> when it looks like an error code (letters, digits, <c>_ . -</c>, at most
    /// 64 characters), else <c>http_NNN</c>.</summary>
    public static string CodeOr(string? candidate, HttpStatusCode status) =>
        candidate is { Length: > 0 and <= MaxCodeLength } && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            ? candidate
            : "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>Retry-After</c> header (seconds or an HTTP date) as a wait from now, or null.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Statuses that may pass by themselves. 412 and 429 are Teams throttling (its docs say retry them with
    /// backoff, as 502 and 504); 500 and 503 are the connector's own transient answers.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 412 or 429 or 500 or 502 or 503 or 504;
}
