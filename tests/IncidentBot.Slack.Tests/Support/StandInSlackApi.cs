using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// A bare <see cref="ISlackApi"/> for tests only: one POST per call to the <see cref="SlackStandIn"/>, no retries.
/// The production client (with Polly) belongs to the delivery half of the Slack surface.
/// </summary>
internal sealed class StandInSlackApi(Uri baseUrl, string token) : ISlackApi, IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseUrl };

    public async Task<string> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["channel"] = channel;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        var answer = await CallAsync("chat.postMessage", body, cancellationToken);
        return answer["ts"]!.GetValue<string>();
    }

    public Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, cancellationToken);
    }

    public Task PostEphemeralAsync(string channel, string user, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["channel"] = channel;
        body["user"] = user;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        return CallAsync("chat.postEphemeral", body, cancellationToken);
    }

    public Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);

    private static JsonObject Body(SlackMessage message) => new() { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() };

    private async Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject ?? [];
        if (answer["ok"]?.GetValue<bool>() != true) throw new SlackApiException(method, answer["error"]?.GetValue<string>() ?? "http_" + (int)response.StatusCode);
        return answer;
    }

    public void Dispose() => http.Dispose();
}
