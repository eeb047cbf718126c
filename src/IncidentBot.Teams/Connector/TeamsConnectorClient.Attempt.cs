using System.Net.Http.Headers;
using System.Text;
using System.Net;

namespace IncidentBot.Teams.Connector;

public sealed partial class TeamsConnectorClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    // One attempt. The request is built here so that every attempt sends a fresh HttpRequestMessage.
    private async ValueTask<ConnectorAnswer> SendOnceAsync(ConnectorCall call, ConnectorAttempt attempt, CancellationToken cancellationToken)
    {
        attempt.Sent = false;
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        attempt.Token = token;
        using var request = new HttpRequestMessage(call.Method, call.Url)
        {
            Content = new StringContent(call.Payload, Encoding.UTF8) { Headers = { ContentType = Json } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(AcceptJson);
        using var http = clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        attempt.Sent = true;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // These three fail while connecting, before a byte of the request leaves: nothing can have been posted.
            var neverLeft = e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;
            throw new TeamsApiException(call.Operation, "transport", null, isTransient: true, outcomeUnknown: !neverLeft, inner: e);
        }
        using (response)
        {
            var body = await ConnectorResponses.ReadObjectAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return new ConnectorAnswer(response.StatusCode, body);
            var status = response.StatusCode;
            if (status == HttpStatusCode.TooManyRequests) metrics?.RateLimitedBy(Core.Evidence.Surfaces.Teams);
            // ErrorResponse: {"error":{"code":"ConversationNotFound","message":"..."}}; only the code is kept.
            var code = ConnectorResponses.CodeOr(ConnectorResponses.StringOf(body?["error"] as System.Text.Json.Nodes.JsonObject, "code"), status);
            var transient = ConnectorResponses.IsTransient(status);
            throw new TeamsApiException(call.Operation, code, status, transient, transient ? ConnectorResponses.RetryAfterOf(response, time) : null);
        }
    }
}
