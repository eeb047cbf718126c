using IncidentBot.Core.Telemetry;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// <see cref="ITeamsConnector"/> on <see cref="HttpClient"/>: JSON activities to the conversation's service URL, the
/// token from <see cref="BotTokenProvider"/> in <c>Authorization: Bearer</c>, every call run in
/// <see cref="TeamsResilience"/>. Failures always surface as <see cref="TeamsApiException"/>.
/// </summary>
public sealed partial class TeamsConnectorClient : ITeamsConnector
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for the connector.</summary>
    public const string HttpClientName = "teams-connector";

    private const string Send = "SendToConversation";
    private const string Reply = "ReplyToActivity";
    private const string Update = "UpdateActivity";

    private readonly IHttpClientFactory clients;
    private readonly BotTokenProvider tokens;
    private readonly TeamsResilience resilience;
    private readonly TimeProvider time;
    private readonly ILogger<TeamsConnectorClient> logger;
    private readonly BotMetrics? metrics;

    /// <summary>Creates the client; <c>metrics</c> counts Teams' 429s (null: not counted).</summary>
    public TeamsConnectorClient(IHttpClientFactory clients, BotTokenProvider tokens, TeamsResilience resilience, TimeProvider time, ILogger<TeamsConnectorClient> logger,
        BotMetrics? metrics = null)
    {
        this.metrics = metrics;
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (this.clients, this.tokens, this.resilience, this.time, this.logger) = (clients, tokens, resilience, time, logger);
    }

    /// <inheritdoc />
    public async Task<string> SendToConversationAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var call = Prepare(Send, HttpMethod.Post, serviceUrl, conversationId, null, activity);
        var answer = await CallAsync(call, cancellationToken).ConfigureAwait(false);
        return IdOf(call, answer);
    }

    /// <inheritdoc />
    public async Task<string> ReplyToActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var call = Prepare(Reply, HttpMethod.Post, serviceUrl, conversationId, activityId, activity);
        var answer = await CallAsync(call, cancellationToken).ConfigureAwait(false);
        return IdOf(call, answer);
    }

    /// <inheritdoc />
    public async Task UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var call = Prepare(Update, HttpMethod.Put, serviceUrl, conversationId, activityId, activity);
        await CallAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private ConnectorCall Prepare(string operation, HttpMethod method, Uri serviceUrl, string conversationId, string? activityId, JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(activity);
        if (!ConnectorUrls.IsAllowed(serviceUrl))
        {
            TeamsConnectorLog.ServiceUrlRefused(logger, operation, serviceUrl.IsAbsoluteUri ? serviceUrl.Scheme : "", serviceUrl.IsAbsoluteUri ? serviceUrl.IdnHost : "");
            throw new TeamsApiException(operation, "service_url_refused", null, isTransient: false);
        }
        return new ConnectorCall(operation, method, ConnectorUrls.Activities(serviceUrl, conversationId, activityId), activity.ToJsonString(), Idempotent: method == HttpMethod.Put);
    }

    private async Task<ConnectorAnswer> CallAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        var attempt = new ConnectorAttempt(call.Idempotent);
        var context = ResilienceContextPool.Shared.Get(call.Operation, cancellationToken);
        context.Properties.Set(TeamsResilience.AttemptKey, attempt);
        try
        {
            for (var refreshed = false; ; refreshed = true)
            {
                try
                {
                    var answer = await resilience.Pipeline.ExecuteAsync(
                        static (ctx, state) => state.Self.SendOnceAsync(state.Call, state.Attempt, ctx.CancellationToken),
                        context, (Self: this, Call: call, Attempt: attempt)).ConfigureAwait(false);
                    TeamsConnectorLog.CallSucceeded(logger, call.Operation, (int)answer.Status);
                    return answer;
                }
                catch (TeamsApiException e) when (!refreshed && e.StatusCode == HttpStatusCode.Unauthorized && e.Operation == call.Operation)
                {
                    // The connector refused a token we thought valid (revoked, rotated, clock skew): a 401 means nothing
                    // was posted, so one more run with a fresh token is safe. A second 401 is final.
                    TeamsConnectorLog.TokenRefused(logger, call.Operation);
                    if (attempt.Token is { } refused) tokens.Invalidate(refused);
                }
            }
        }
        catch (TeamsApiException e)
        {
            TeamsConnectorLog.CallFailed(logger, call.Operation, e.ErrorCode, e.StatusCode, e.IsTransient, e.OutcomeUnknown, e.RetryAfter);
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            var failure = new TeamsApiException(call.Operation, "timeout", null, isTransient: true, outcomeUnknown: attempt.Sent, inner: e);
            TeamsConnectorLog.CallFailed(logger, call.Operation, failure.ErrorCode, null, true, failure.OutcomeUnknown, null);
            throw failure;
        }
        finally
        {
            attempt.Token = null;
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string IdOf(ConnectorCall call, ConnectorAnswer answer)
    {
        var id = ConnectorResponses.StringOf(answer.Body, "id");
        if (!string.IsNullOrEmpty(id)) return id;
        // Accepted all the same: failing here would make the outbox post the message again.
        TeamsConnectorLog.NoActivityId(logger, call.Operation, (int)answer.Status);
        return "";
    }

    /// <summary>One connector call, ready to send as often as the pipeline decides.</summary>
    private sealed record ConnectorCall(string Operation, HttpMethod Method, Uri Url, string Payload, bool Idempotent);

    /// <summary>A successful answer: its status and its body when that was a JSON object.</summary>
    private sealed record ConnectorAnswer(HttpStatusCode Status, JsonObject? Body);
}
