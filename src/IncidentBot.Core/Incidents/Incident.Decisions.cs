using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents;

// Intent: each command is judged first by the lifecycle (is it possible now?), then by governance (may this
// person do it?), then by the runbook (does the option exist, is there somewhere to roll back to?).
public sealed partial class Incident
{
    /// <summary>Decides a command against the incident as it is now. Pure: the incident does not change.</summary>
    public Decision Decide(IncidentCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (command.Trigger is not { } trigger) return Decision.Refuse($"'{command.Verb}' does not change an incident.");
        if (trigger == Trigger.Declare) return Decision.Refuse($"{Id} is already declared.");

        var candidateId = command switch { ContainCommand { OptionId: { } c } => c, LiftCommand l => l.OptionId, _ => null };
        var inputs = candidateId is not null && context.Runbook.FindOption(candidateId) is { } o
            ? LifecycleInputs(o.Approval.RequiredFor(Severity ?? Incidents.Severity.Sev4), o.Approval.BreakGlass.AllowsAt(Severity ?? Incidents.Severity.Sev4))
            : LifecycleInputs();
        var move = Lifecycle.Decide(State, trigger, inputs);
        if (!move.Permitted) return Decision.Refuse(RefusalText.Refusal(trigger, State, Id, move.Unmet));

        var actor = context.Actor;
        if (command is SystemResultCommand system)
            return actor.Id == Governance.Actor.System.Id ? DecideSystem(system) : Decision.Refuse("Only the bot records execution and verification results.");
        if (!actor.IsKnown) return Decision.Refuse($"{actor.DisplayName} is not in the governance configuration, so cannot act on incidents.");
        if (command is not (ApproveCommand or RejectCommand or NoteCommand) && !context.People.IsResponder(actor))
            return Decision.Refuse($"{actor.DisplayName} is not in a responder group, so cannot {command.Verb}.");

        return command switch
        {
            TriageCommand t => Decision.Accept(new IncidentTriaged(t.Severity, t.Layers, RaisedRequirement(t.Severity, context))),
            ContainCommand c => DecideContain(c, context),
            ApproveCommand a => DecideApprove(a, context),
            RejectCommand r => DecideReject(r, context),
            RecoveredCommand r => Decision.Accept(new RecoveryConfirmed(r.Note)),
            RetryCommand r => Decision.Accept(new ExecutionRetried(Current!.Attempt, FirstUnfinishedStep(Current), r.Note)),
            ContinueCommand r => Decision.Accept(new ExecutionContinued(Current!.Attempt, InterruptedStep!.Value, r.Note)),
            NoteCommand n => Decision.Accept(new NoteAdded(n.Note)),
            LearnCommand l => Decision.Accept(new LearningRecorded(l.Learning)),
            FollowUpCommand f => DecideFollowUp(f, context),
            FactorCommand f => Decision.Accept(new ContributingFactorRecorded(f.Factor)),
            AnswerCommand a => DecideAnswer(a),
            ReviewCommand => Decision.Accept(new ReviewStarted(context.Runbook.Review.Questions)),
            CloseCommand => DecideClose(context),
            CancelCommand c => Decision.Accept(new IncidentCancelled(c.Reason)),
            AssignCommand a => DecideAssign(a, context),
            LiftCommand l => DecideLift(l, context),
            _ => Decision.Refuse($"'{command.Verb}' is not something an incident can do."),
        };
    }

    private Decision DecideContain(ContainCommand command, DecisionContext context)
    {
        var option = context.Runbook.FindOption(command.OptionId!);
        if (option is null)
            return Decision.Refuse($"Runbook {context.Runbook.Id} has no option '{command.OptionId}'. Options: {string.Join(", ", context.Runbook.Options.Select(x => x.Id))}.");
        var severity = Severity ?? Incidents.Severity.Sev4;
        if (command.BreakGlass && context.Actor.Id != Commander)
            return Decision.Refuse($"Only the incident commander ({Commander}) may use break-glass.");
        RollbackTarget? target = null;
        List<LayerMove>? coupled = null;
        if (option.Kind == ContainmentKind.Rollback)
        {
            target = context.RollbackTarget;
            if (target is null)
                return Decision.Refuse(NothingToRollBackTo(option.Layer));
            // Layers that only work together move together, or not at all: a coupled layer with no earlier approved
            // version refuses the whole rollback rather than moving one half.
            foreach (var layer in option.MovesWith)
            {
                if (context.CoupledTargets?.GetValueOrDefault(layer) is not { } t)
                    return Decision.Refuse($"{option.Id} moves {option.Layer} together with {layer}, but: {NothingToRollBackTo(layer)}");
                (coupled ??= []).Add(new LayerMove(layer, t.FromVersion, t.ToVersion));
            }
        }
        return Decision.Accept(new ContainmentChosen(containments.Count + 1, option.Id, option.Title, option.Kind, option.Layer,
            option.Approval.RequiredFor(severity), option.Approval.Groups, command.BreakGlass, target?.FromVersion, target?.ToVersion, Coupled: coupled));
    }

    private string NothingToRollBackTo(string layer) =>
        $"No earlier approved version of the {layer} layer of '{Service}' is recorded, so there is nothing to roll back to. Record versions with POST /api/changes, or choose another option.";

    /// <summary>The approvals the pending containment needs at <paramref name="severity"/>, when that is more than it
    /// needs now; null otherwise.</summary>
    private int? RaisedRequirement(Severity severity, DecisionContext context)
    {
        if (State != IncidentState.AwaitingApproval || Current is not { } c || context.Runbook.FindOption(c.OptionId) is not { } option) return null;
        var needed = option.Approval.RequiredFor(severity);
        return needed > c.RequiredApprovals ? needed : null;
    }

    private Decision DecideLift(LiftCommand command, DecisionContext context)
    {
        if (context.Runbook.FindOption(command.OptionId) is not { } option || ControlsInForce.All(c => c.OptionId != option.Id))
            return Decision.Refuse($"'{command.OptionId}' is not in force. In force: {(ControlsInForce.Count == 0 ? "nothing" : string.Join(", ", ControlsInForce.Select(c => c.OptionId)))}.");
        return Decision.Accept(new ContainmentChosen(containments.Count + 1, option.Id, "Lift: " + option.Title, option.Kind, option.Layer,
            option.Approval.RequiredFor(Severity ?? Incidents.Severity.Sev4), option.Approval.Groups, false, null, null, Lifts: true));
    }

    private Decision DecideApprove(ApproveCommand command, DecisionContext context)
    {
        var afterTheFact = State != IncidentState.AwaitingApproval;
        var c = afterTheFact ? PendingAfterTheFactApproval : Current;
        if (c is null) return Decision.Refuse("There is nothing to approve.");
        var who = context.Actor;
        if (who.Id == c.ChosenBy)
            return Decision.Refuse($"{who.DisplayName} chose '{c.OptionId}' and cannot approve it; another approver must.");
        if (!who.IsInAny(c.ApproverGroups))
            return Decision.Refuse($"{who.DisplayName} is not in an approver group for '{c.OptionId}' ({string.Join(", ", c.ApproverGroups)}).");
        if (c.HasApproved(who.Id))
            return Decision.Refuse($"{who.DisplayName} already approved '{c.OptionId}'; it needs a different person.");
        return Decision.Accept(new ApprovalGranted(c.Attempt, c.OptionId, command.Note, afterTheFact));
    }

    private Decision DecideReject(RejectCommand command, DecisionContext context)
    {
        var c = Current!;
        var who = context.Actor;
        if (!who.IsInAny(c.ApproverGroups) && who.Id != c.ChosenBy)
            return Decision.Refuse($"{who.DisplayName} is not an approver of '{c.OptionId}' and did not choose it.");
        return Decision.Accept(new ContainmentRejected(c.Attempt, c.OptionId, command.Reason));
    }

    private Decision DecideAssign(AssignCommand command, DecisionContext context)
    {
        // "me" is the sender: a card offers "Take command" to everyone, and whoever clicks it takes it.
        var user = command.User.Equals(AssignCommand.Me, StringComparison.OrdinalIgnoreCase) ? context.Actor.Id : command.User.TrimStart('@');
        var person = context.People.Find(user);
        if (person is null) return Decision.Refuse($"'{command.User}' is not a person in the governance configuration.");
        return Decision.Accept(new RoleAssigned(command.Role, person.Id));
    }

    private static int FirstUnfinishedStep(Containment c) =>
        c.Steps.Where(s => s.Value is StepState.Failed or StepState.Started).Select(s => s.Key).DefaultIfEmpty(0).Min();

    private static Decision DecideSystem(SystemResultCommand system) =>
        system.Facts.Count > 0 && system.Facts[^1].Trigger == system.Result
            ? new Decision(system.Facts, null)
            : Decision.Refuse($"A {system.Result} result must end with its own event.");

    private string CloseSummary() =>
        $"{Containments.Count(c => c.Status == ContainmentStatus.Executed)} containment(s) executed, {learningItems.Count} learning(s), {followUpItems.Count} follow-up(s).";
}
