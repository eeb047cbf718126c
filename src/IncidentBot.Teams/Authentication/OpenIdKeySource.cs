using System.Text.Json;
using Microsoft.Extensions.Logging;

using IncidentBot.Teams.Configuration;

namespace IncidentBot.Teams.Authentication;

/// <summary>
/// Fetches the signing keys: the OpenID metadata document, then the JWKS its <c>jwks_uri</c> names. Both URLs must
/// pass <see cref="TeamsUrls"/> before any request; both answers are capped in size; the whole fetch is bounded
/// by one time limit. Any failure is logged and answered with null: the caller fails closed.
/// </summary>
internal sealed class OpenIdKeySource(IHttpClientFactory httpClientFactory, Uri metadataUrl, TimeSpan timeLimit, ILogger logger)
{
    /// <summary>Largest metadata or keys document read, in bytes (the real ones are a few kilobytes).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    /// <summary>The usable keys by <c>kid</c>, or null when they could not be had (logged). Throws only when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<IReadOnlyDictionary<string, SigningKey>?> FetchAsync(CancellationToken cancellationToken)
    {
        if (!TeamsUrls.IsAllowed(metadataUrl))
        {
            BotFrameworkAuthLog.KeysUnavailable(logger, metadataUrl.IsAbsoluteUri ? metadataUrl.Host : "?", "the metadata URL is neither https nor loopback");
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLimit);
        var host = metadataUrl.Host;
        try
        {
            var client = httpClientFactory.CreateClient(BotFrameworkAuthenticator.HttpClientName);
            Uri jwksUri;
            using (var metadata = await GetJsonAsync(client, metadataUrl, timeout.Token).ConfigureAwait(false))
            {
                jwksUri = JwksUri(metadata.RootElement);
            }
            host = jwksUri.Host;
            using var jwks = await GetJsonAsync(client, jwksUri, timeout.Token).ConfigureAwait(false);
            var keys = JwksReader.Read(jwks.RootElement);
            if (keys.Count == 0) throw new KeySourceException("the keys document has no usable RSA signing key");
            BotFrameworkAuthLog.KeysFetched(logger, keys.Count, host);
            return keys;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            BotFrameworkAuthLog.KeysUnavailable(logger, host, $"no answer within {timeLimit.TotalSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            BotFrameworkAuthLog.KeysUnavailable(logger, host, ex.HttpRequestError.ToString());
        }
        catch (JsonException)
        {
            BotFrameworkAuthLog.KeysUnavailable(logger, host, "the answer is not the expected JSON");
        }
        catch (KeySourceException ex)
        {
            BotFrameworkAuthLog.KeysUnavailable(logger, host, ex.Message);
        }
        return null;
    }

    private static Uri JwksUri(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("jwks_uri", out var value) || value.ValueKind != JsonValueKind.String)
            throw new KeySourceException("the metadata has no jwks_uri");
        if (!Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) || !TeamsUrls.IsAllowed(uri))
            throw new KeySourceException("the metadata's jwks_uri is neither https nor loopback");
        return uri;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // A redirect may have moved the request; the rule applies to where the answer really came from.
        if (!TeamsUrls.IsAllowed(response.RequestMessage?.RequestUri))
            throw new KeySourceException($"{url.Host} redirected to a URL that is neither https nor loopback");
        if (!response.IsSuccessStatusCode)
            throw new KeySourceException($"{url.Host} answered {(int)response.StatusCode}");
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            throw new KeySourceException($"{url.Host} sent more than {MaxDocumentBytes} bytes");

        var buffer = new byte[MaxDocumentBytes + 1];
        var length = 0;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                length += read;
        }
        if (length > MaxDocumentBytes) throw new KeySourceException($"{url.Host} sent more than {MaxDocumentBytes} bytes");
        return JsonDocument.Parse(buffer.AsMemory(0, length));
    }

    /// <summary>A fetch that went wrong in a way worth one log line; never leaves this class.</summary>
    private sealed class KeySourceException(string message) : Exception(message);
}
