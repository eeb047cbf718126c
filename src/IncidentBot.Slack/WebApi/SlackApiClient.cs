using IncidentBot.Core.Evidence;
using IncidentBot.Core.Telemetry;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// <see cref="ISlackApi"/> on <see cref="HttpClient"/>: JSON bodies to <c>{ApiBaseUrl}{method}</c>, the bot token
/// only in <c>Authorization: Bearer</c>, every call run in <see cref="SlackResilience"/>. Failures always surface as
/// <see cref="SlackApiException"/>: Slack's own error code for <c>ok:false</c>, or <c>http_NNN</c>, <c>timeout</c>,
/// <c>transport</c> when the retries are used up.
/// </summary>
public sealed class SlackApiClient : ISlackApi
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client.</summary>
    public const string HttpClientName = "slack-web-api";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly IHttpClientFactory clients;
    private readonly SlackResilience resilience;
    private readonly SlackOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SlackApiClient> logger;
    private readonly BotMetrics? metrics;

    /// <summary>Creates the client; <paramref name="metrics"/> counts Slack's 429s (null: not counted).</summary>
    public SlackApiClient(IHttpClientFactory clients, SlackResilience resilience, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger,
        BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.clients, this.resilience, this.options, this.time, this.logger, this.metrics) = (clients, resilience, options.Value, time, logger, metrics);
    }

    /// <inheritdoc />
    public async Task<string> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject { ["channel"] = channel, ["text"] = message.Text, ["unfurl_links"] = false, ["unfurl_media"] = false };
        if (message.Blocks.Count > 0) body["blocks"] = message.Blocks.DeepClone();
        if (threadTs is { Length: > 0 }) body["thread_ts"] = threadTs;
        var answer = await CallAsync("chat.postMessage", body, cancellationToken).ConfigureAwait(false);
        return TsOf(answer, "chat.postMessage", "ts");
    }

    /// <inheritdoc />
    public async Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        ArgumentNullException.ThrowIfNull(message);
        // An empty array clears blocks the message had; without "blocks" Slack would keep them.
        var body = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() };
        await CallAsync("chat.update", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PostEphemeralAsync(string channel, string user, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = message.Text };
        if (message.Blocks.Count > 0) body["blocks"] = message.Blocks.DeepClone();
        if (threadTs is { Length: > 0 }) body["thread_ts"] = threadTs;
        await CallAsync("chat.postEphemeral", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentNullException.ThrowIfNull(view);
        await CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var payload = body.ToJsonString();
        try
        {
            var answer = await resilience.Pipeline.ExecuteAsync(
                static (state, token) => state.Self.SendOnceAsync(state.Method, state.Payload, token),
                (Self: this, Method: method, Payload: payload), cancellationToken).ConfigureAwait(false);
            SlackApiLog.CallSucceeded(logger, method);
            return answer;
        }
        catch (SlackApiException e)
        {
            SlackApiLog.CallFailed(logger, method, e.ErrorCode, e.RetryAfter);
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            SlackApiLog.CallFailed(logger, method, "timeout", null);
            throw new SlackApiException(method, "timeout", null, e);
        }
        catch (HttpRequestException e)
        {
            SlackApiLog.CallFailed(logger, method, "transport", null);
            throw new SlackApiException(method, "transport", null, e);
        }
    }

    // One attempt. The request is built here so that every attempt sends a fresh HttpRequestMessage.
    private async ValueTask<JsonObject> SendOnceAsync(string method, string payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl(), method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
        request.Content = new StringContent(payload, Encoding.UTF8) { Headers = { ContentType = Json } };
        using var http = clients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            metrics?.RateLimitedBy(Surfaces.Slack);
            throw new SlackApiException(method, "http_429", RetryAfterOf(response) ?? TimeSpan.FromSeconds(1));
        }
        if (!response.IsSuccessStatusCode) throw new SlackApiException(method, "http_" + status);

        JsonObject? answer;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
                answer = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new SlackApiException(method, "invalid_response", null, e);
        }
        if (answer is null) throw new SlackApiException(method, "invalid_response");
        if (answer["ok"]?.GetValueKind() == JsonValueKind.True) return answer;

        var error = answer["error"]?.GetValueKind() == JsonValueKind.String ? answer["error"]!.GetValue<string>() : "unknown_error";
        SlackApiLog.CallRefused(logger, method, error);
        var limited = error is "ratelimited" or "rate_limited";
        throw new SlackApiException(method, error, limited ? RetryAfterOf(response) ?? TimeSpan.FromSeconds(1) : null);
    }

    private Uri BaseUrl()
    {
        var text = options.ApiBaseUrl.ToString();
        return text.EndsWith('/') ? options.ApiBaseUrl : new Uri(text + "/");
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static string TsOf(JsonObject answer, string method, string property) =>
        answer[property]?.GetValueKind() == JsonValueKind.String ? answer[property]!.GetValue<string>() : throw new SlackApiException(method, "invalid_response");
}
