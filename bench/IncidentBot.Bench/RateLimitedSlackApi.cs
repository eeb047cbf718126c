using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// A loopback Slack Web API with Slack's posting limits: <c>chat.postMessage</c> and <c>chat.update</c> each get about
/// one call per second per channel (a token bucket of <see cref="Burst"/> calls refilled at one per second), and a
/// call beyond that gets HTTP 429 with <c>Retry-After</c> (whole seconds until the next token) and
/// <c>{"ok":false,"error":"ratelimited"}</c>. Every call is logged with its body, so the burst test can read what the
/// channel would show.
/// </summary>
internal sealed class RateLimitedSlackApi : IAsyncDisposable
{
    public const int Burst = 3;
    private const double PerSecond = 1.0;
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<(string Method, string Channel), (double Tokens, TimeSpan At)> buckets = [];
    private readonly List<SlackCall> calls = [];
    private long ts = 1_700_000_000_000000;

    private RateLimitedSlackApi(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Time on the stand-in's clock, which stamps every call.</summary>
    public TimeSpan Now => clock.Elapsed;

    public static async Task<RateLimitedSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = new RateLimitedSlackApi(builder.Build());
        api.app.MapPost("/api/{method}", api.HandleAsync);
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Urls.First().TrimEnd('/') + "/api/");
        return api;
    }

    /// <summary>Every call so far, in arrival order.</summary>
    public List<SlackCall> Calls()
    {
        lock (calls) return [.. calls];
    }

    /// <summary>Gives every channel its full burst again (after setting up, before the measured burst).</summary>
    public void ResetBudgets()
    {
        lock (buckets) buckets.Clear();
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request, HttpResponse response)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var json = JsonNode.Parse(body) as JsonObject;
        var channel = json?["channel"]?.GetValue<string>() ?? "";
        var threadTs = json?["thread_ts"]?.GetValue<string>();
        var givenTs = json?["ts"]?.GetValue<string>();
        var now = clock.Elapsed;
        if (method is "chat.postMessage" or "chat.update" && TryTake(method, channel, now) is { } wait)
        {
            Log(new SlackCall(now, method, channel, threadTs, givenTs, 429, body));
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, statusCode: 429);
        }
        var answerTs = method == "chat.postMessage"
            ? (Interlocked.Increment(ref ts) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture)
            : givenTs ?? "";
        Log(new SlackCall(now, method, channel, threadTs, answerTs, 200, body));
        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = answerTs });
    }

    // Null when the call may go now; else how long until it could.
    private TimeSpan? TryTake(string method, string channel, TimeSpan now)
    {
        lock (buckets)
        {
            var (tokens, at) = buckets.TryGetValue((method, channel), out var b) ? b : (Burst, now);
            tokens = Math.Min(Burst, tokens + (now - at).TotalSeconds * PerSecond);
            if (tokens >= 1)
            {
                buckets[(method, channel)] = (tokens - 1, now);
                return null;
            }
            buckets[(method, channel)] = (tokens, now);
            return TimeSpan.FromSeconds(Math.Max(1, (1 - tokens) / PerSecond));
        }
    }

    private void Log(SlackCall call)
    {
        lock (calls) calls.Add(call);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
