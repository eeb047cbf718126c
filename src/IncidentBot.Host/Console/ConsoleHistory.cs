using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Host.Console;

/// <summary>
/// <c>GET /api/console/threads/{id}/history</c>: a thread's past read from storage, so a reload (or a second person
/// opening the page) sees what happened before it was open: one entry per evidence event, oldest first, and the
/// incident's card as it is now.
/// </summary>
internal static class ConsoleHistory
{
    /// <summary>Maps the history route on the console's API group.</summary>
    public static RouteGroupBuilder MapConsoleHistory(this RouteGroupBuilder api)
    {
        api.MapGet("/threads/{id}/history", GetAsync).WithSummary("A thread's history")
            .WithDescription("One entry per evidence event of the incident (id such as INC-3), oldest first, and its card as it is now.");
        return api;
    }

    private static async Task<IResult> GetAsync(string id, IncidentEngine engine, IEvidenceStore store, CancellationToken ct)
    {
        if (IncidentIds.Normalize(id) is not { } incidentId)
            return Results.BadRequest(new { error = "The thread must be an incident id such as INC-3." });
        // The card first: it is null exactly when the incident does not exist, before reading its stream.
        var card = await engine.CardAsync(incidentId, ct).ConfigureAwait(false);
        if (card is null) return Results.NotFound(new { error = $"There is no incident {incidentId}." });
        var events = await store.ReadStreamAsync(incidentId, ct).ConfigureAwait(false);
        return Results.Ok(new
        {
            incidentId,
            entries = events.Select(e => new
            {
                e.Seq, e.Type, e.Actor, e.Surface, time = e.OccurredUtc,
                text = TimelineText.Describe(EventCodec.Deserialize(e.Type, e.PayloadJson)),
            }),
            card,
        });
    }
}
