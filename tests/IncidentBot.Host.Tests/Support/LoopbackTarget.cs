using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// A deploy API or Prometheus stand-in: real Kestrel on a loopback port, answering with a handler scripted per test
/// (given the request and how many requests reached the same path before it, 1-based), recording what it received.
/// The bot reaches it through <c>Executors:Settings:target</c> = <see cref="BaseUrl"/>.
/// </summary>
public sealed class LoopbackTarget : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string? IdempotencyKey, DateTimeOffset At)> seen = new();

    private readonly ConcurrentQueue<string?> traceParents = new();

    private LoopbackTarget(WebApplication app) => this.app = app;

    /// <summary><c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request so far: path, its Idempotency-Key header (if any) and when it arrived.</summary>
    public IReadOnlyList<(string Path, string? IdempotencyKey, DateTimeOffset At)> Requests => seen.ToList();

    /// <summary>The W3C <c>traceparent</c> header of every request so far (null where there was none), in arrival order.</summary>
    public IReadOnlyList<string?> TraceParents => traceParents.ToList();

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int CountOf(string path) => seen.Count(r => r.Path == path);

    public static async Task<LoopbackTarget> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0").UseShutdownTimeout(TimeSpan.FromSeconds(1))
            .ConfigureKestrel(k => k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.UTF8);   // a token may be non-ASCII
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var target = new LoopbackTarget(app);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            int number;
            lock (target.seen)
            {
                target.seen.Enqueue((path, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), DateTimeOffset.UtcNow));
                target.traceParents.Enqueue(context.Request.Headers["traceparent"].FirstOrDefault());
                number = target.CountOf(path);
            }
            try
            {
                await answer(context, number);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The bot gave up (its timeout) or died (a kill under test): nobody to answer.
            }
        });
        await app.StartAsync();
        target.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return target;
    }

    /// <summary>Answers <paramref name="status"/> with a small JSON body.</summary>
    public static Task ReplyAsync(HttpContext context, int status, string json = "{}")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>A Prometheus instant-query answer (<c>/api/v1/query</c>): one series of <c>error_rate</c> with <paramref name="value"/>.</summary>
    public static Task PrometheusAsync(HttpContext context, double value) => ReplyAsync(context, 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"error_rate\",\"job\":\"checkout\"}," +
        $"\"value\":[{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.0,\"{value.ToString(CultureInfo.InvariantCulture)}\"]}}]}}}}");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
