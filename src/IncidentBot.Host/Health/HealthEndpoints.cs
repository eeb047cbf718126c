using IncidentBot.Core.Evidence;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Host.Health;

/// <summary><c>GET /healthz</c>: is the store answering, how many runbooks are loaded.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the health route (no API key: load balancers call it).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IIncidentReadModel incidents, RunbookCatalog catalog, CancellationToken ct) =>
        {
            try
            {
                var open = await incidents.ListIncidentsAsync(false, ct).ConfigureAwait(false);
                return Results.Ok(new { status = "ok", store = "ok", openIncidents = open.Count, runbooks = catalog.All.Count });
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                return Results.Json(new { status = "unhealthy", store = ex.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture), runbooks = catalog.All.Count }, statusCode: 503);
            }
        });
        return app;
    }
}
