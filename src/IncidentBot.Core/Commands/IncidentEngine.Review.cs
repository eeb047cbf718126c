using IncidentBot.Core.Evidence;
using IncidentBot.Core.Review;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The draft post-incident review of an incident with the events it was drafted from; null when the
    /// incident does not exist. Reads the stream once; changes are those in <see cref="EngineOptions.ChangeWindow"/>
    /// before the declaration; what close requires comes from the runbook the incident is pinned to now.</summary>
    public async Task<(PostIncidentReview Review, IReadOnlyList<EvidenceEvent> Events)?> DraftReviewAsync(string incidentId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0) return null;
        // The whole stream: triage may have moved the incident to another runbook (RunbookChanged), whose review rules apply.
        var incident = Incidents.Incident.FromEvents(incidentId, events)!;
        var runbook = await runbooks.GetAsync(incident.RunbookHash, cancellationToken).ConfigureAwait(false);
        var recent = await changes.RecentAsync(incident.Service, incident.DeclaredUtc, options.ChangeWindow, cancellationToken).ConfigureAwait(false);
        var seal = await store.GetSealAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return PostIncidentReviewBuilder.Build(events, runbook.Review, recent, seal) is { } review ? (review, events) : null;
    }
}
