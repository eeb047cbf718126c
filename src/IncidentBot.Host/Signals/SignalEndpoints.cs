using IncidentBot.Core.Commands;
using IncidentBot.Core.Signals;
using IncidentBot.Core.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using IncidentBot.Host.ApiDocs;

namespace IncidentBot.Host.Signals;

/// <summary>Alerts in: <c>POST /api/signals/alertmanager</c> (Alertmanager webhook v4) and <c>POST /api/signals</c> (generic JSON).</summary>
public static class SignalEndpoints
{
    /// <summary>Maps the signal routes on <paramref name="api"/>, the <c>/api</c> group, so its API key filter applies.</summary>
    public static RouteGroupBuilder MapSignalEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/signals/alertmanager", (HttpContext http, CancellationToken ct) =>
            AcceptAsync<AlertmanagerPayload>(http, AlertmanagerParser.Parse, ct))
            .WithSummary("Alertmanager webhook").WithTags("Signals")
            .WithDescription("An Alertmanager webhook_config notification (payload version 4): firing declares or updates the incident of its group, resolved says so in it.")
            .WithJsonBodyExample<AlertmanagerPayload>(SignalExamples.Alertmanager)
            .Produces<SignalResult>(StatusCodes.Status200OK).Produces(StatusCodes.Status400BadRequest);
        api.MapPost("/signals", (HttpContext http, CancellationToken ct) =>
            AcceptAsync<GenericSignalRequest>(http, GenericSignalParser.Parse, ct))
            .WithSummary("Generic signal").WithTags("Signals")
            .WithDescription("A small JSON signal from any monitoring system, with the same rules as Alertmanager's: key groups repeats, labels select the runbook.")
            .WithJsonBodyExample<GenericSignalRequest>(SignalExamples.Generic)
            .Produces<SignalResult>(StatusCodes.Status200OK).Produces(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>Registers <see cref="SignalOptions"/> (section <c>Signals</c>), checked at start-up.</summary>
    public static IServiceCollection AddSignalIntake(this IServiceCollection services)
    {
        // Several surfaces may be named (slack,teams): judged as the engine reads them, one surface at a time.
        services.AddOptions<SignalOptions>().BindConfiguration(SignalOptions.SectionName)
            .Validate(o => o.Surfaces.Count > 0 && o.Surfaces.All(s => s is Core.Evidence.Surfaces.Console or Core.Evidence.Surfaces.Slack or Core.Evidence.Surfaces.Teams),
                "Signals:AnnounceTo must be console, slack or teams, or several of them separated by commas (slack,teams).")
            .Validate(o => o.Surfaces.All(s => s == Core.Evidence.Surfaces.Console || !string.IsNullOrWhiteSpace(o.ConversationFor(s))),
                "Each of slack and teams in Signals:AnnounceTo needs the channel to announce in: Signals:Conversation when it is the only surface named, else Signals:Conversations:<surface>.")
            .ValidateOnStart();
        return services;
    }

    // Parsing and validation finish before the engine is called: a refused payload changes nothing.
    private static async Task<IResult> AcceptAsync<T>(HttpContext http, Func<T, SignalParseResult> parse, CancellationToken ct)
        where T : class
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentBot.Signals");
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var (body, refusal) = await SignalBodyReader.ReadAsync<T>(http.Request, json, ct).ConfigureAwait(false);
        var parsed = body is null ? null : parse(body);
        if (refusal is not null || parsed?.Signal is not { } signal)
        {
            SignalLog.Refused(logger, http.Request.Path, parsed?.Error ?? "unreadable body");
            return refusal ?? Results.BadRequest(new { error = parsed!.Error });
        }

        var engine = services.GetRequiredService<IncidentEngine>();
        var announce = services.GetRequiredService<IOptions<SignalOptions>>().Value;
        // A signal has no delivery id of its own: its group is what makes two deliveries the same.
        var scope = new LogScope(Core.Evidence.Surfaces.Api, $"signal:{signal.Source}:{signal.GroupKey}");
        using var logScope = logger.BeginScope(scope);
        var result = await engine.AcceptSignalAsync(signal, announce, ct).ConfigureAwait(false);
        scope.IncidentId = result.IncidentId;
        SignalLog.Accepted(logger, signal.Source, signal.Status, signal.GroupKey, result.Outcome, result.IncidentId);
        return Results.Ok(result);
    }
}
