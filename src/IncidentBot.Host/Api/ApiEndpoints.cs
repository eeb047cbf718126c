using System.Text.Json;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Signals;
using IncidentBot.Host.ApiDocs;

namespace IncidentBot.Host.Api;

/// <summary>The HTTP API: incidents and their timelines, runbooks, the change log.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps <c>/api/incidents</c>, <c>/api/runbooks</c>, <c>/api/changes</c>, <c>/api/signals</c>, <c>/api/metrics</c> and <c>/api/readiness</c> behind the API key filter,
    /// and the review page <c>/incidents/{id}/review</c> (<see cref="ReviewPage"/>).</summary>
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireApiKey().WithTags("IncidentBot");
        api.MapGet("/incidents", ListIncidentsAsync).WithSummary("List incidents")
            .WithDescription("Every incident (all=false: open ones only), optionally filtered by state and by declaration time (from, to: ISO 8601).");
        api.MapGet("/incidents/{id}", GetIncidentAsync).WithSummary("Get one incident")
            .WithDescription("The incident (id such as INC-3) folded from its evidence stream, with its timeline of hash-chained events.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status404NotFound);
        api.MapGet("/incidents/{id}/timeline", GetTimelineAsync).WithSummary("Export an incident's timeline")
            .WithDescription("The sealed timeline and draft review as md (default), json, csv or html (format=).")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/markdown", "application/json", "text/csv", "text/html")
            .Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        api.MapGet("/runbooks", (RunbookCatalog catalog) => Results.Ok(catalog.All.Select(RunbookView.Of))).WithSummary("List runbooks")
            .WithDescription("The runbooks loaded at start-up, with their versions and hashes.");
        api.MapGet("/changes", async (IChangeReadModel changes, string? service, CancellationToken ct) =>
            Results.Ok(await changes.ListChangesAsync(service, null, ct).ConfigureAwait(false)))
            .WithSummary("List recorded changes").WithDescription("The change log (deploys per service and layer), optionally for one service.");
        api.MapPost("/changes", RecordChangeAsync).WithSummary("Record a change")
            .WithDescription("Records a deploy in the change log, which incidents read to suggest what to roll back. 201 with the stored change; 400 with problems when it is not valid.")
            .WithJsonBodyExample<ChangeRequest>(ChangeExample, "service", "layer", "version", "deployedBy", "deployedUtc")
            .Produces<ChangeRecord>(StatusCodes.Status201Created).Produces(StatusCodes.Status400BadRequest);
        api.MapSignalEndpoints();
        api.MapMetricsEndpoints();
        api.MapReadinessEndpoints();
        app.MapReviewPage();
        return app;
    }

    /// <summary>Example body of <c>POST /api/changes</c> in the OpenAPI document.</summary>
    internal const string ChangeExample =
        """
        {"service": "support-assistant", "layer": "prompt", "version": "prompt-2026-11-21.2", "deployedBy": "release-bot",
         "deployedUtc": "2026-11-21T16:05:00Z", "approved": true, "note": "Shorter refusal wording"}
        """;

    /// <summary>The rules of every <c>/api</c> route: <c>nosniff</c> on every answer, then the API key
    /// (<see cref="ApiKeyFilter"/>: required outside Development unless <c>Api:AllowAnonymous</c>).</summary>
    internal static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<NoSniffFilter>().AddEndpointFilter<ApiKeyFilter>().WithMetadata(ApiKeyRequired.Instance);

    private static async Task<IResult> ListIncidentsAsync(IIncidentReadModel incidents, IEvidenceStore store, ILogger<IncidentTruthLog> logger,
        bool? all, string? state, string? from, string? to, CancellationToken ct)
    {
        var query = IncidentListQuery.TryParse(state, from, to, out var error);
        if (query is null) return Results.BadRequest(new { error });
        var rows = await incidents.ListIncidentsAsync(all ?? true, ct).ConfigureAwait(false);
        // Filter after reconciling, so state and declaration time are the folded truth for rows the store cannot vouch for.
        var reconciled = await IncidentTruth.ReconciledAsync(rows, store, logger, ct).ConfigureAwait(false);
        return Results.Ok(reconciled.Where(query.Matches));
    }

    private static async Task<IResult> GetIncidentAsync(string id, IIncidentReadModel incidents, IEvidenceStore store, ILogger<IncidentTruthLog> logger, CancellationToken ct)
    {
        var row = await incidents.GetIncidentAsync(IncidentIds.Normalize(id) ?? id, ct).ConfigureAwait(false);
        if (row is null) return Results.NotFound(new { error = $"There is no incident {id}." });
        var events = await store.ReadStreamAsync(row.Id, ct).ConfigureAwait(false);
        var summary = IncidentTruth.Folded(row, events, logger);
        return Results.Ok(new
        {
            summary.Id, summary.Title, summary.State, summary.Severity, summary.Service, summary.RunbookId, summary.RunbookVersion,
            summary.RunbookHash, summary.Commander, summary.Version, summary.DeclaredUtc, summary.UpdatedUtc,
            timeline = events.Select(e => new
            {
                e.Seq, e.Type, e.Actor, e.Surface, time = e.OccurredUtc,
                summary = TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson)), e.Hash,
            }),
        });
    }

    private static async Task<IResult> GetTimelineAsync(HttpContext http, string id, string? format, IIncidentReadModel incidents, IncidentEngine engine, CancellationToken ct)
    {
        var f = (format ?? "md").ToLowerInvariant();
        if (!TimelineExporter.Formats.Contains(f)) return Results.BadRequest(new { error = "format must be md, json, csv or html." });
        var summary = await incidents.GetIncidentAsync(IncidentIds.Normalize(id) ?? id, ct).ConfigureAwait(false);
        if (summary is null || await engine.DraftReviewAsync(summary.Id, ct).ConfigureAwait(false) is not var (review, events))
            return Results.NotFound(new { error = $"There is no incident {id}." });
        if (f == "html") ReviewPage.Secure(http.Response);
        return Results.Text(TimelineExporter.Export(events, f, review.Seal.Seal, review), TimelineExporter.ContentType(f));
    }

    private static async Task<IResult> RecordChangeAsync(HttpRequest request, ChangeLog changeLog, TimeProvider time, CancellationToken ct)
    {
        // Read the body here rather than by parameter binding, so malformed JSON gets the same {error} answer as
        // every other refusal instead of a bare 400 (or a developer exception page in Development).
        ChangeRequest? body;
        try
        {
            body = request.ContentLength == 0 ? null : await request.ReadFromJsonAsync<ChangeRequest>(ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "The body must be a JSON object: {\"service\", \"layer\", \"version\", \"deployedBy\", \"deployedUtc\", \"approved\", \"note\"}." });
        }
        catch (InvalidOperationException)
        {
            return Results.BadRequest(new { error = "The body must be JSON (Content-Type: application/json)." });
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Json(new { error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The body is larger than {Composition.BotApp.MaxRequestBodyBytes / 1024} KiB." : "The body could not be read." }, statusCode: ex.StatusCode);
        }
        if (body is null) return Results.BadRequest(new { error = "A JSON body is required." });
        var change = new ChangeRecord(body.Service ?? "", body.Layer ?? "", body.Version ?? "", body.DeployedBy ?? "",
            body.DeployedUtc ?? default, body.Approved ?? false, body.Note ?? "");
        var problems = ChangeLog.Validate(change, time.GetUtcNow());
        if (problems.Count > 0) return Results.BadRequest(new { error = "The change is not valid.", problems });
        var stored = await changeLog.RecordAsync(change, "api", Surfaces.Api, ct).ConfigureAwait(false);
        return Results.Created($"/api/changes?service={Uri.EscapeDataString(stored.Service)}", stored);
    }
}
