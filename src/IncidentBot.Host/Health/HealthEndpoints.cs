using IncidentBot.Core.Evidence;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Host.Health;

/// <summary>
/// <c>GET /healthz</c>: 200 when the store accepts a write (probed at most once a second, <see cref="StoreHealth"/>) and
/// answers a read; 503 <c>unhealthy</c> while it does not, and 200 again as soon as it does.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Registers <see cref="StoreHealth"/>.</summary>
    public static IServiceCollection AddStoreHealth(this IServiceCollection services)
    {
        services.AddSingleton<StoreHealth>();
        return services;
    }

    /// <summary>Maps the health route (no API key: load balancers call it).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (StoreHealth health, IIncidentReadModel incidents, RunbookCatalog catalog, CancellationToken ct) =>
        {
            if (await health.ProblemAsync(ct).ConfigureAwait(false) is { } problem) return Unhealthy("unwritable", problem, catalog);
            try
            {
                var open = await incidents.ListIncidentsAsync(false, ct).ConfigureAwait(false);
                return Results.Ok(new { status = "ok", store = "ok", openIncidents = open.Count, runbooks = catalog.All.Count });
            }
            catch (StoreUnavailableException e)
            {
                return Unhealthy("unreadable", e.Message, catalog);
            }
        });
        return app;
    }

    private static IResult Unhealthy(string store, string problem, RunbookCatalog catalog) =>
        Results.Json(new { status = "unhealthy", store, problem, runbooks = catalog.All.Count }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
