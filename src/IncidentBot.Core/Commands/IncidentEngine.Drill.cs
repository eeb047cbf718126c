using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>
    /// <c>/incident drill &lt;runbook&gt;</c>: declares a practice incident of the named runbook. From here on it is an
    /// incident like any other (triage, containment, approvals, timers, execution, verification, review, close); only
    /// its declaration says it is a drill, so everything that reads the evidence can mark it and leave it out of the
    /// metrics.
    /// </summary>
    private async Task<CommandResult> DrillAsync(DrillCommand command, Actor actor, CommandEnvelope envelope, CancellationToken cancellationToken)
    {
        if (NotResponder(actor, "start drills") is { } reason)
            return await RecordBotRefusalAsync(command, actor, envelope, reason, cancellationToken).ConfigureAwait(false);

        if (runbooks.Catalog.Find(command.RunbookId) is not { } runbook)
        {
            var known = string.Join(", ", runbooks.Catalog.All.Select(r => r.Id));
            return Answer(null, IncidentCards.Notice("Which runbook?",
                $"There is no runbook '{command.RunbookId}' to drill. Runbooks: {known}.", tone: CardTone.Warning));
        }
        if ((command.Service ?? runbook.AppliesTo.Services.FirstOrDefault()) is not { Length: > 0 } service)
            return Answer(null, IncidentCards.Notice("Which service?",
                $"Runbook '{runbook.Id}' names no service to drill against. Say /incident drill {runbook.Id} service=NAME.", tone: CardTone.Warning));
        if (DrillRefusal(runbook) is { } refused)
            return Answer(null, IncidentCards.Notice("Drill not started", refused, tone: CardTone.Warning));

        var declared = new IncidentDeclared($"Drill: {runbook.Title}", command.Severity, service, runbook.Id,
            runbook.ContentHash, runbook.PinnedVersion, actor.Id, envelope.Surface, envelope.ConversationKey, Drill: true);
        return await OpenAsync(declared, runbook, actor, envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one place a drill of <paramref name="runbook"/> is refused before anything is recorded: when the drill
    /// settings lack a setting its steps or checks use (<see cref="DrillPreflight"/>; a drill never falls back to
    /// production's settings). Null lets it start; an engine built without a preflight (unit tests) refuses nothing.
    /// </summary>
    private string? DrillRefusal(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        return drills?.Refusal(runbook);
    }
}
