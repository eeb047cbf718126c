using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>
    /// Decides a command; a triage naming <c>runbook=ID</c> also moves the incident to that runbook (from the loaded
    /// catalog), recorded as <see cref="RunbookChanged"/> just before the <see cref="IncidentTriaged"/> and pinned by
    /// its content hash. Refused once a containment was chosen: approvals and steps never change under people.
    /// Returns the runbook switched to, or null.
    /// </summary>
    private (Decision Decision, Runbook? SwitchedTo) DecideSwitchingRunbook(Incident incident, IncidentCommand command, DecisionContext context)
    {
        if (command is not TriageCommand { RunbookId: { } wanted } triage) return (DecideTakingCommand(incident, command, context), null);
        if (incident.Containments.Count > 0)
            return (Decision.Refuse($"The runbook can only change before a containment is chosen, and '{incident.Containments[0].OptionId}' was chosen on {incident.RunbookVersion}. Triage without runbook=, or declare a new incident."), null);
        var target = runbooks.Catalog.Find(wanted);
        if (target is null)
            return (Decision.Refuse($"There is no runbook '{wanted}'. Runbooks: {string.Join(", ", runbooks.Catalog.All.Select(r => r.Id))}."), null);

        var decision = DecideTakingCommand(incident, triage with { RunbookId = null }, context);
        if (!decision.Accepted || target.ContentHash == incident.RunbookHash) return (decision, null);
        var changed = new RunbookChanged(incident.RunbookId, incident.RunbookHash, target.Id, target.ContentHash, target.PinnedVersion);
        var events = decision.Events.ToList();
        events.Insert(events.FindIndex(e => e is IncidentTriaged), changed);
        return (new Decision(events, null), target);
    }
}
