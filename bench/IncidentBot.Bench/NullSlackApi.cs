using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>A loopback Slack Web API that answers every method with <c>ok</c>, so the outbox drains during the run.</summary>
internal sealed class NullSlackApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private long ts = 1_700_000_000_000000;

    private NullSlackApi(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<NullSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = new NullSlackApi(builder.Build());
        api.app.MapPost("/api/{method}", (string method) => Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["ts"] = (Interlocked.Increment(ref api.ts) / 1_000_000.0).ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
        }));
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Urls.First().TrimEnd('/') + "/api/");
        return api;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
