using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// A stand-in for Slack's Web API on a loopback port: <c>POST /api/{method}</c> with a JSON body answers like Slack
/// (<c>ok</c>, <c>ts</c>, …) and records every call. <see cref="Fault"/> lets a test answer 429 with
/// <c>Retry-After</c>, 500, or an <c>ok:false</c> error instead. Point <c>Slack:ApiBaseUrl</c> at <see cref="ApiBaseUrl"/>.
/// </summary>
public sealed class SlackStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<(Func<RecordedCall, bool> Match, TaskCompletionSource<RecordedCall> Seen)> waiters = [];
    private long nextTs = 1_700_000_000_000100;

    private SlackStandIn(WebApplication app) => this.app = app;

    /// <summary>Every call received, in arrival order (including the ones answered with a fault).</summary>
    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Decides a fault for a call (null = answer normally). Called once per call, in arrival order.</summary>
    public Func<RecordedCall, StandInFault?>? Fault { get; set; }

    /// <summary><c>http://127.0.0.1:{port}/api/</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<SlackStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var standIn = new SlackStandIn(builder.Build());
        standIn.app.MapPost("/api/{method}", (string method, HttpRequest request) => standIn.HandleAsync(method, request));
        await standIn.app.StartAsync();
        standIn.ApiBaseUrl = new Uri(standIn.app.Urls.First().TrimEnd('/') + "/api/");
        return standIn;
    }

    /// <summary>The first call (received already, or from now on) that <paramref name="match"/> accepts: completes when
    /// the stand-in receives it, so a test waits for the event itself.</summary>
    public Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> match)
    {
        var seen = new TaskCompletionSource<RecordedCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (Calls.FirstOrDefault(match) is { } already) return Task.FromResult(already);
            waiters.Add((match, seen));
        }
        return seen.Task;
    }

    /// <summary>Successful calls of <paramref name="method"/>, in order.</summary>
    public IReadOnlyList<RecordedCall> Succeeded(string method) => Calls.Where(c => c.Method == method && c.Fault is null).ToList();

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        var body = request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true && text.Length > 0
            ? JsonNode.Parse(text) as JsonObject ?? [] : [];
        var call = new RecordedCall(method, request.Headers.Authorization.ToString(), request.ContentType ?? "", body, DateTimeOffset.UtcNow,
            TraceParent: request.Headers.TryGetValue("traceparent", out var parent) ? parent.ToString() : null);
        var fault = Fault?.Invoke(call);
        Received(call with { Fault = fault });
        if (fault is { } f)
        {
            if (f.RetryAfterSeconds is { } s) request.HttpContext.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return f.Status == 200
                ? Results.Json(new JsonObject { ["ok"] = false, ["error"] = f.Error ?? "unknown_error" })
                : Results.Json(new JsonObject { ["ok"] = false, ["error"] = f.Error ?? "http_" + f.Status }, statusCode: f.Status);
        }
        if (!call.Authorization.StartsWith("Bearer xoxb-", StringComparison.Ordinal))
            return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "not_authed" });
        var ts = (Interlocked.Increment(ref nextTs) / 1_000_000.0).ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        return method switch
        {
            "chat.postMessage" => Results.Json(new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = ts }),
            "chat.update" => Results.Json(new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = body["ts"]?.DeepClone() }),
            "chat.postEphemeral" => Results.Json(new JsonObject { ["ok"] = true, ["message_ts"] = ts }),
            "views.open" => Results.Json(new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V" + ts } }),
            _ => Results.Json(new JsonObject { ["ok"] = false, ["error"] = "unknown_method" }),
        };
    }

    private void Received(RecordedCall call)
    {
        lock (waiters)
        {
            Calls.Enqueue(call);
            foreach (var waiter in waiters.Where(w => w.Match(call)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.TrySetResult(call);
            }
        }
    }

    /// <summary>Stops the stand-in.</summary>
    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>One Web API call as the stand-in received it, with the W3C <c>traceparent</c> header it carried (if any).</summary>
public sealed record RecordedCall(string Method, string Authorization, string ContentType, JsonObject Body, DateTimeOffset ReceivedUtc, StandInFault? Fault = null,
    string? TraceParent = null);

/// <summary>How to fail a call: an HTTP status (with optional <c>Retry-After</c>), or 200 with <c>ok:false</c> and <see cref="Error"/>.</summary>
public sealed record StandInFault(int Status, int? RetryAfterSeconds = null, string? Error = null);
