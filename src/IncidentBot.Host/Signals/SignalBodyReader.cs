using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Host.Composition;

namespace IncidentBot.Host.Signals;

/// <summary>
/// Reads a JSON request body into <typeparamref name="T"/>, or produces the refusal that says exactly what is wrong:
/// not JSON content, too large (413), empty, malformed or of the wrong shape (400, naming the JSON path).
/// </summary>
internal static partial class SignalBodyReader
{
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Refuse($"The body must be JSON: send Content-Type: application/json (got {(string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType)})."));
        try
        {
            // Buffer first, so an over-long body is refused as a whole before any of it is parsed.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (buffer.Length == 0) return (null, Refuse("The body is empty: a JSON object is required."));
            buffer.Position = 0;
            var body = await JsonSerializer.DeserializeAsync<T>(buffer, options, cancellationToken).ConfigureAwait(false);
            return body is null ? (null, Refuse("The body must be a JSON object, not null.")) : (body, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
            var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return (null, Refuse($"The body is not a valid JSON payload{where}{position}: {Reason(ex)}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Json(new { error = $"The body is larger than {BotApp.MaxRequestBodyBytes / 1024} KiB." }, statusCode: ex.StatusCode));
        }
    }

    private static IResult Refuse(string error) => Results.BadRequest(new { error });

    // System.Text.Json's messages name .NET types and repeat the path; say what JSON was expected instead.
    private static string Reason(JsonException ex)
    {
        var inner = ex.InnerException?.Message;
        if (inner is not null && inner.Contains("DateTimeOffset", StringComparison.Ordinal)) return "expected an RFC 3339 time such as 2026-11-22T03:40:00Z.";
        if (inner is not null && TokenMismatch().Match(inner) is { Success: true } m)
            return $"expected a {m.Groups[2].Value}, got {m.Groups[1].Value.ToLowerInvariant()}.";
        if (inner is not null) return inner.Trim();
        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            return string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the body must be a JSON object." : "this value has the wrong JSON type.";
        var cut = ex.Message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? ex.Message[..cut] : ex.Message).Trim();
    }

    [GeneratedRegex("token type '(\\w+)' as an? (\\w+)")]
    private static partial Regex TokenMismatch();
}
