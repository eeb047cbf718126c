using IncidentBot.Core.Changes;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The incident's card (<see cref="IncidentCards.Status"/>), plus "Use runbook X" while the incident is on
    /// the default runbook, no containment was chosen yet, and another loaded runbook's <c>applies_to</c> matches its
    /// service or its alert's labels: one click re-picks the runbook at triage.</summary>
    private Card StatusCard(Incident incident, Runbook runbook, IReadOnlyList<ChangeRecord>? recent = null, string? headline = null)
    {
        var card = IncidentCards.Status(incident, runbook, recent, headline);
        if (options.DefaultRunbook is not { Length: > 0 } fallback || !incident.RunbookId.Equals(fallback, StringComparison.OrdinalIgnoreCase)
            || incident.Containments.Count > 0 || incident.State is not (IncidentState.Triage or IncidentState.ContainmentChoice)
            || runbooks.Catalog.Match(incident.Service, incident.FirstSignal?.Labels) is not { } better
            || better.Id.Equals(incident.RunbookId, StringComparison.OrdinalIgnoreCase))
            return card;
        var use = incident.Severity is { } severity
            ? new CardButton($"Use runbook {better.Id}", $"/incident triage {incident.Id} {severity.ToText()} runbook={better.Id}")
            : new CardButton($"Use runbook {better.Id}", $"/incident triage {incident.Id} runbook={better.Id}",
                InputPrompt: "Severity (sev1, sev2, sev3 or sev4), then any affected layers");
        return card with { Buttons = [.. card.Buttons, use] };
    }
}
