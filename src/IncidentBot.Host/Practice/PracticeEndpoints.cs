using System.Text.RegularExpressions;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Signals;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Practice;

/// <summary>
/// <c>/practice</c>: a system to practise incidents on, Development only. Health, deploys (what an <c>http</c>
/// rollback step calls), runtime controls, a Prometheus query API for its quality metric, and a simulated bad change.
/// </summary>
public static partial class PracticeEndpoints
{
    /// <summary>True in Development when <see cref="PracticeOptions.Enabled"/>.</summary>
    public static bool IsEnabled(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<PracticeOptions>>().Value.Enabled;
    }

    /// <summary>The practice system's state and options.</summary>
    public static IServiceCollection AddPracticeSystem(this IServiceCollection services)
    {
        services.AddOptions<PracticeOptions>().BindConfiguration(PracticeOptions.SectionName);
        services.AddSingleton<PracticeSystem>();
        return services;
    }

    /// <summary>Starts the practice system from the change log's live versions (after the demo seed), or warns it stays off.</summary>
    public static async Task StartPracticeAsync(this WebApplication app, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsEnabled(app))
        {
            if (app.Services.GetRequiredService<IOptions<PracticeOptions>>().Value.Enabled) PracticeLog.IgnoredOutsideDevelopment(logger);
            return;
        }
        var system = app.Services.GetRequiredService<PracticeSystem>();
        await system.SyncFromChangeLogAsync(app.Services.GetRequiredService<ChangeLog>(), cancellationToken).ConfigureAwait(false);
        PracticeLog.Enabled(logger, system.Live(PracticeVersions.PromptLayer), system.Live(PracticeVersions.RetrievalLayer));
    }

    /// <summary>Maps the <c>/practice</c> routes.</summary>
    public static IEndpointRouteBuilder MapPracticeEndpoints(this IEndpointRouteBuilder app)
    {
        var practice = app.MapGroup("/practice");
        practice.MapGet("/health", (PracticeSystem system) => Results.Ok(system.Health()));
        practice.MapPost("/deploy", DeployAsync);
        practice.MapPost("/controls", SetControlAsync);
        practice.MapGet("/prometheus/api/v1/query", (string? query, PracticeSystem system, TimeProvider time) => PracticePrometheus.Query(query, system, time));
        practice.MapPost("/simulate/{change}", SimulateChangeAsync);
        return app;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, PracticeSystem system, ChangeLog changeLog, TimeProvider time,
        IOptions<JsonOptions> json, ILogger<PracticeSystem> logger, CancellationToken ct)
    {
        var (body, refusal) = await SignalBodyReader.ReadAsync<PracticeDeployRequest>(request, json.Value.SerializerOptions, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        if (string.IsNullOrWhiteSpace(body!.Layer)) return Refuse($"layer is missing: one of {string.Join(", ", PracticeVersions.Known.Keys)}.");
        if (string.IsNullOrWhiteSpace(body.Version)) return Refuse("version is missing.");
        if (body.Incident is not null && !IncidentPattern().IsMatch(body.Incident)) return Refuse("incident must be an incident id such as INC-7.");
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is not null && (key.Length is 0 or > 200)) return Refuse("Idempotency-Key must be 1-200 characters.");
        var (result, error) = system.Deploy(body.Layer, body.Version, key);
        if (result is null) return error!.StartsWith("Idempotency-Key", StringComparison.Ordinal)
            ? Results.UnprocessableEntity(new { error }) : Refuse(error);
        if (result.Changed) PracticeLog.Deployed(logger, result.Layer, result.Previous, result.Version);
        await RecordDeployAsync(result, body.Incident, changeLog, time, ct).ConfigureAwait(false);
        return Results.Ok(result);
    }

    // A real deploy pipeline writes every deploy to the change log; so does this one, so the change log's live version
    // is the one the practice service runs. Recorded whenever the log says otherwise (not only when the deploy changed
    // something), so a retried or replayed deploy records nothing twice and a log that had drifted is put right.
    // A deploy for an incident is the bot's rollback: recorded as ChangeLog.RollbackDeployer, so the version it moved
    // away from is never a rollback target again, and the runbook's baseline step then finds the layer already there.
    private static async Task RecordDeployAsync(PracticeDeployResult result, string? incident, ChangeLog changeLog, TimeProvider time, CancellationToken ct)
    {
        var live = await changeLog.CurrentAsync(PracticeVersions.Service, result.Layer, ct).ConfigureAwait(false);
        if (live?.Version == result.Version) return;
        var now = time.GetUtcNow();
        var at = live is not null && live.DeployedUtc > now ? live.DeployedUtc : now; // stays the latest record
        var (deployer, note) = incident is null
            ? ("practice", $"deployed through POST /practice/deploy (was {result.Previous})")
            : (ChangeLog.RollbackDeployer(incident), $"rollback by {incident} from {live?.Version ?? result.Previous} (practice deploy)");
        await changeLog.RecordAsync(new ChangeRecord(PracticeVersions.Service, result.Layer, result.Version, deployer, at, Approved: true, note),
            "practice", Surfaces.Api, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> SetControlAsync(HttpRequest request, PracticeSystem system, IOptions<JsonOptions> json, ILogger<PracticeSystem> logger, CancellationToken ct)
    {
        var (body, refusal) = await SignalBodyReader.ReadAsync<PracticeControlRequest>(request, json.Value.SerializerOptions, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        if (string.IsNullOrWhiteSpace(body!.Control)) return Refuse($"control is missing: {PracticeVersions.ForceHumanReview} or {PracticeVersions.Pause}.");
        if (body.Path is null || !PathPattern().IsMatch(body.Path)) return Refuse("path must be 1-50 characters of a-z, 0-9, '_' or '-' (for example refunds).");
        if (body.Enabled is not { } enabled) return Refuse("enabled is missing: true or false.");
        if (system.SetControl(body.Control, body.Path, enabled) is { } error) return Refuse(error);
        PracticeLog.ControlSet(logger, body.Control, body.Path, enabled);
        return Results.Ok(new PracticeControlResult(body.Control, body.Path, enabled, system.Health()));
    }

    // POST /practice/simulate/{layer}-change: deploys the layer's bad version (for embeddings, the index rebuilt with
    // them too) and records each move in the change log, as a real deploy pipeline would, so triage shows it.
    private static async Task<IResult> SimulateChangeAsync(string change, PracticeSystem system, ChangeLog changeLog, TimeProvider time, ILogger<PracticeSystem> logger, CancellationToken ct)
    {
        const string Suffix = "-change";
        var layer = change.EndsWith(Suffix, StringComparison.Ordinal) ? change[..^Suffix.Length] : null;
        if (layer is null || !PracticeVersions.Known.ContainsKey(layer))
            return Results.NotFound(new { error = $"no such simulation \"{change}\": use one of {string.Join(", ", PracticeVersions.Known.Keys.Select(l => l + Suffix))}." });

        var deploys = new List<PracticeDeployResult>();
        var changes = new List<ChangeRecord>();
        foreach (var (moved, version) in PracticeVersions.BadChange(layer))
        {
            var (result, _) = system.Deploy(moved, version, null);
            deploys.Add(result!);
            if (result is not { Changed: true }) continue;
            PracticeLog.Deployed(logger, result.Layer, result.Previous, result.Version);
            changes.Add(await changeLog.RecordAsync(new ChangeRecord(PracticeVersions.Service, moved, version,
                "practice", time.GetUtcNow(), true, $"simulated {layer} change (practice system)"), "practice", Surfaces.Api, ct).ConfigureAwait(false));
        }
        // The first shape of this answer (one deploy, one change) is kept for the layer asked for.
        return Results.Ok(new { deploy = deploys[0], change = changes.FirstOrDefault(c => c.Layer == layer), deploys, changes });
    }

    private static IResult Refuse(string error) => Results.BadRequest(new { error });

    [GeneratedRegex("^[a-z0-9_-]{1,50}$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^INC-[0-9]{1,9}$")]
    private static partial Regex IncidentPattern();
}
