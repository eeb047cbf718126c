using IncidentBot.Core.Readiness;
using IncidentBot.Host.Readiness;

namespace IncidentBot.Host.Api;

/// <summary><c>GET /api/readiness?service=&amp;format=json|md|text</c>: the readiness report (JSON by default).</summary>
internal static class ReadinessEndpoints
{
    /// <summary>Maps the readiness route on the (already protected) <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapReadinessEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/readiness", GetReadinessAsync).WithSummary("Rollback readiness")
            .WithDescription("The readiness report (optionally for one service): whether each service can be rolled back now; format=json (default) or md.");
        return api;
    }

    private static async Task<IResult> GetReadinessAsync(string? service, string? format, ReadinessGatherer gatherer, ReadinessSetup setup, CancellationToken ct)
    {
        var f = (format ?? "json").Trim().ToLowerInvariant();
        if (!ReadinessFormat.Formats.Contains(f)) return Results.BadRequest(new { error = "format must be json, md or text." });
        var wanted = string.IsNullOrWhiteSpace(service) ? null : service.Trim();
        var report = await gatherer.ReportAsync(setup, wanted, ct).ConfigureAwait(false);
        if (report is null)
            return Results.NotFound(new { error = $"No runbook or change record names the service '{wanted}'." });
        return Results.Text(ReadinessFormat.Render(report, f), ReadinessFormat.ContentType(f));
    }
}
