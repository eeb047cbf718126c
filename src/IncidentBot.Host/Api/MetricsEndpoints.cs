using IncidentBot.Core.Evidence;
using IncidentBot.Core.Metrics;

namespace IncidentBot.Host.Api;

/// <summary><c>GET /api/metrics/incidents</c>: response times of the incidents declared in a window (drills left out
/// and counted as <c>drills</c>).</summary>
internal static class MetricsEndpoints
{
    /// <summary>Maps the metrics routes on the (already protected) <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapMetricsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/metrics/incidents", GetIncidentMetricsAsync).WithSummary("Incident response metrics")
            .WithDescription("Times to acknowledge, mitigate and resolve for incidents declared between from and to (ISO 8601); drills are counted apart.");
        return api;
    }

    private static async Task<IResult> GetIncidentMetricsAsync(string? from, string? to, IIncidentReadModel incidents, IEvidenceStore store, CancellationToken ct)
    {
        var query = IncidentListQuery.TryParse(null, from, to, out var error);
        if (query is null) return Results.BadRequest(new { error });
        // Timings come from each stream's events, not the rows: the declaration time filtered on is the event's own.
        var timings = new List<IncidentTimings>();
        foreach (var row in await incidents.ListIncidentsAsync(includeClosed: true, ct).ConfigureAwait(false))
        {
            var measured = IncidentMetrics.Measure(row.Id, await store.ReadStreamAsync(row.Id, ct).ConfigureAwait(false));
            if (measured is not null) timings.Add(measured);
        }
        return Results.Ok(IncidentMetrics.Report(timings, query.FromUtc, query.ToUtc));
    }
}
