using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using IncidentBot.Teams.Configuration;

namespace IncidentBot.Teams.Connector;

public sealed partial class BotTokenProvider
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    // One request, run detached from any caller's cancellation (others may be waiting on it), bounded by CallTimeout.
    private async Task<(string Value, TimeSpan Lifetime)> RequestAsync()
    {
        if (!options.IsConfigured) throw Failed("not_configured", null, transient: false);
        var endpoint = options.ResolvedTokenEndpoint;
        if (!ConnectorUrls.IsAllowed(endpoint))
        {
            TeamsConnectorLog.TokenEndpointRefused(logger, endpoint.Scheme, endpoint.IsAbsoluteUri ? endpoint.IdnHost : "");
            throw Failed("token_endpoint_refused", null, transient: false);
        }

        using var timeout = new CancellationTokenSource(options.CallTimeout, time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", options.AppId!.Trim()),
                    new("client_secret", options.AppPassword!),
                    new("scope", TeamsOptions.ConnectorScope),
                ]),
            };
            request.Headers.Accept.Add(AcceptJson);
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ConnectorResponses.ReadObjectAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                var transient = (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
                // Only the OAuth "error" code is kept; error_description and the rest of the body stay out of logs.
                throw Failed(ConnectorResponses.CodeOr(ConnectorResponses.StringOf(body, "error"), status), status, transient,
                    transient ? ConnectorResponses.RetryAfterOf(response, time) : null);
            }
            var value = ConnectorResponses.StringOf(body, "access_token");
            var lifetime = LifetimeOf(body);
            if (string.IsNullOrWhiteSpace(value) || lifetime is null) throw Failed("invalid_response", response.StatusCode, transient: true);
            return (value, lifetime.Value);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw Failed("timeout", null, transient: true, inner: e);
        }
        catch (HttpRequestException e)
        {
            throw Failed("transport", null, transient: true, inner: e);
        }
    }

    // expires_in is a number of seconds (v2.0 endpoint); the older v1.0 endpoint sent it as a string.
    private static TimeSpan? LifetimeOf(System.Text.Json.Nodes.JsonObject? body)
    {
        long seconds;
        if (body?["expires_in"] is not System.Text.Json.Nodes.JsonValue value) return null;
        if (!value.TryGetValue(out seconds)
            && !(value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)))
            return null;
        return seconds is > 0 and <= 366L * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private TeamsApiException Failed(string code, HttpStatusCode? status, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    {
        TeamsConnectorLog.TokenFailed(logger, code, status, transient);
        return new TeamsApiException(Operation, code, status, transient, retryAfter, outcomeUnknown: false, inner);
    }
}
