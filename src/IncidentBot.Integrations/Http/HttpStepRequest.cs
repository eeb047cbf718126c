using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IncidentBot.Core.Execution;

namespace IncidentBot.Integrations.Http;

/// <summary>
/// An <c>http</c> step rendered from its template, ready to be sent as many times as the policy allows:
/// <see cref="ToMessage"/> builds a fresh <see cref="HttpRequestMessage"/> for every attempt. <see cref="UrlText"/> is
/// what evidence records: the URL as sent, except that secrets stay <c>{{secret.NAME}}</c>.
/// </summary>
internal sealed record HttpStepRequest(
    HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, MediaTypeHeaderValue? ContentType,
    string IdempotencyKey, string UrlText)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary><c>scheme://host:port</c>: the circuit breaker's key.</summary>
    public string HostKey => $"{Url.Scheme}://{Url.IdnHost}:{Url.Port}".ToLowerInvariant();

    /// <summary>Renders the step, or says why it cannot be sent (nothing is sent then).</summary>
    public static (HttpStepRequest? Request, string? Error) Create(StepContext context, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Step.Http is not { } spec) return (null, "the step has no 'http' section");
        var method = spec.Method.Trim().ToUpperInvariant();
        if (!Methods.Contains(method)) return (null, $"method '{spec.Method}' is not one of {string.Join(", ", Methods)}");

        var (url, error) = TemplateValues.RenderUrl(spec.Url, values);
        if (error is not null) return (null, $"url: {error}");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return (null, "url is not an absolute http:// or https:// URL after rendering");

        var headers = new List<KeyValuePair<string, string>>();
        MediaTypeHeaderValue? contentType = null;
        foreach (var (name, template) in spec.Headers)
        {
            var (value, headerError) = TemplateValues.Render(template, values);
            if (headerError is not null) return (null, $"header '{name}': {headerError}");
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) return (null, $"header '{name}' contains a line break after rendering");
            if (name.Equals(IdempotencyHeader, StringComparison.OrdinalIgnoreCase)) continue;   // ours, always
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) headers.Add(new(name, value));
            else if (!MediaTypeHeaderValue.TryParse(value, out contentType)) return (null, $"header 'Content-Type' is not a media type");
        }

        string? body = null;
        if (spec.Body is not null)
        {
            var json = contentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase)
                ?? spec.Body.TrimStart() is ['{' or '[', ..];
            var (rendered, bodyError) = TemplateValues.Render(spec.Body, values, json ? JsonEscape : null);
            if (bodyError is not null) return (null, $"body: {bodyError}");
            body = rendered;
            contentType ??= new MediaTypeHeaderValue(json ? "application/json" : "text/plain") { CharSet = "utf-8" };
        }

        var key = Key(context.Incident.Id, context.Containment.Attempt, context.Step.Id);
        return (new HttpStepRequest(new HttpMethod(method), uri, headers, body, contentType, key, TemplateValues.DescribeUrl(spec.Url, values)), null);
    }

    /// <summary>Lower-case hex SHA-256 of <c>incidentId:attempt:stepId</c>: the same for every retry and re-run of a step.</summary>
    public static string Key(string incidentId, int attempt, string stepId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{incidentId}:{attempt}:{stepId}"))));

    /// <summary>A fresh message: a message can be sent only once, so every attempt needs its own.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8);
            message.Content.Headers.ContentType = ContentType;
        }
        foreach (var (name, value) in Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value))
                message.Content?.Headers.TryAddWithoutValidation(name, value);
        message.Headers.TryAddWithoutValidation(IdempotencyHeader, IdempotencyKey);
        return message;
    }

    /// <summary>Escapes a value for use between the quotes of a JSON string (quotes are the template's).</summary>
    private static string JsonEscape(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
}
