using IncidentBot.Host.Api;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition of the bot's meters (OpenTelemetry's exporter). Not mapped at
/// all when <c>Telemetry:Enabled</c> is false. With <see cref="ManagementOptions.Urls"/> set it is served only on those
/// listeners, without a key (with the health probes, and nothing else: <see cref="UseManagementPort"/>); else on the
/// bot's own, behind the API key outside Development (as <c>/api</c>).
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>The scrape path.</summary>
    public const string Path = "/metrics";

    /// <summary>Adds the management URLs, if any, to the URLs the server listens on (the bot's own stay).</summary>
    public static void AddManagementUrls(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ManagementUrls(builder.Configuration) is not { } management || !builder.Configuration.IsTelemetryEnabled()) return;
        ManagementOptions.PortsOf(management);
        var own = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : "http://localhost:5000";
        builder.WebHost.UseUrls([.. $"{own};{management}".Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    /// <summary>
    /// Keeps the management listeners to what they are for: <c>/metrics</c> and the health probes (<c>/healthz</c>…);
    /// anything else asked for on them is 404, so the bot's API, console and chat endpoints stay on its own URLs.
    /// </summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (ManagementUrls(app.Configuration) is not { } management || !app.Configuration.IsTelemetryEnabled()) return app;
        var ports = ManagementOptions.PortsOf(management);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (ports.Contains(context.Connection.LocalPort) && !path.StartsWithSegments(Path) && !path.StartsWithSegments("/healthz"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>Maps <c>/metrics</c> unless telemetry is off.</summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.IsTelemetryEnabled()) return app;
        if (ManagementUrls(app.Configuration) is { } management)
        {
            var ports = ManagementOptions.PortsOf(management);
            app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
                {
                    // Routing matched the Host header's port; the connection's own port is what a client cannot forge.
                    if (!ports.Contains(context.Connection.LocalPort)) context.Response.StatusCode = StatusCodes.Status404NotFound;
                    else await next(context).ConfigureAwait(false);
                }), optionsName: null)
                .RequireHost([.. ports.Select(p => $"*:{p}")]);
            TelemetryLog.ManagementPort(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsEndpoint)), Path, management);
            return app;
        }
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
                if (ApiKeyFilter.Refusal(options, environment, ApiKeyFilter.HeaderKey(context.Request)) is { } refusal)
                {
                    Log.ApiRejected(context.RequestServices.GetRequiredService<ILogger<ApiKeyFilter>>(), context.Request.Path, refusal);
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                await next(context).ConfigureAwait(false);
            }), optionsName: null);
        return app;
    }

    private static string? ManagementUrls(IConfiguration configuration) =>
        configuration[$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Urls)}"] is { Length: > 0 } urls && urls.Trim().Length > 0 ? urls : null;
}
