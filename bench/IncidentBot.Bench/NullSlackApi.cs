using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// A fast loopback Slack Web API that answers every method with <c>ok</c>, so the bot's delivery drains during the
/// run; it counts calls so the harness can wait until delivery has caught up and charge its CPU to the commands.
/// </summary>
internal sealed class NullSlackApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long ts = 1_700_000_000_000000;
    private long calls;
    private long lastCallTicks;

    private NullSlackApi(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public long Calls => Interlocked.Read(ref calls);

    public static async Task<NullSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = new NullSlackApi(builder.Build());
        api.app.MapPost("/api/{method}", (string method) =>
        {
            Interlocked.Increment(ref api.calls);
            Interlocked.Exchange(ref api.lastCallTicks, api.clock.Elapsed.Ticks);
            return Results.Json(new JsonObject
            {
                ["ok"] = true,
                ["ts"] = (Interlocked.Increment(ref api.ts) / 1_000_000.0).ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
            });
        });
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Urls.First().TrimEnd('/') + "/api/");
        return api;
    }

    /// <summary>Waits until no call has arrived for <paramref name="quiet"/>, at most <paramref name="limit"/>; false when the limit came first.</summary>
    public async Task<bool> WaitQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var deadline = clock.Elapsed + limit;
        while (clock.Elapsed < deadline)
        {
            if (clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref lastCallTicks)) >= quiet) return true;
            await Task.Delay(50);
        }
        return false;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
