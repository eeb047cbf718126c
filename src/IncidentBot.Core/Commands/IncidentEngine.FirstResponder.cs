using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>Why the bot hands command to the first responder (recorded on the <see cref="RoleAssigned"/> event).</summary>
    internal const string FirstResponderReason = "first responder to act while the bot was commander";

    /// <summary>
    /// Decides <paramref name="command"/>; when the bot commands the incident (an alert opened it) and a responder acts,
    /// the command is judged as if that person were commander, and if it is accepted the same commit records
    /// <see cref="RoleAssigned"/> commander → that person first. So the first person to triage, contain or note takes
    /// charge, and governance (break-glass is the commander's) then applies to them. A refused command hands nothing over.
    /// </summary>
    private Decision DecideTakingCommand(Incident incident, IncidentCommand command, DecisionContext context)
    {
        var actor = context.Actor;
        if (incident.Commander != Actor.System.Id || !IncidentLifecycle.Open.Contains(incident.State) || actor.Id == Actor.System.Id || command is SystemResultCommand or AssignCommand
            || !actor.IsKnown || !people.IsResponder(actor))
            return incident.Decide(command, context);

        var takes = new RoleAssigned("commander", actor.Id, FirstResponderReason);
        var asCommander = incident.Copy();
        Record(asCommander, [takes], actor, "", time.GetUtcNow(), incident.RunbookVersion);
        var decision = asCommander.Decide(command, context);
        // Refused either way: the refusal is worded for the incident as it is.
        return decision.Accepted ? new Decision([takes, .. decision.Events], null) : incident.Decide(command, context);
    }
}
