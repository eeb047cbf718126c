using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Messages;

/// <summary>The buttons of an incident card, one family per permitted trigger.</summary>
internal static class IncidentButtons
{
    public static IReadOnlyList<CardButton> For(Incident incident, Runbook runbook, IReadOnlyList<string>? changedLayers = null)
    {
        var id = incident.Id;
        var buttons = new List<CardButton>();
        foreach (var trigger in incident.PermittedTriggers)
        {
            switch (trigger)
            {
                case Trigger.Triage when incident.State == IncidentState.Triage:
                    buttons.AddRange(Enum.GetValues<Severity>().Select(s =>
                        new CardButton(s.ToText().ToUpperInvariant(), $"/incident triage {id} {s.ToText()}", s == Severity.Sev1 ? ButtonStyle.Danger : ButtonStyle.Default)));
                    buttons.AddRange(LayerTriageButtons(incident, changedLayers ?? []));
                    break;
                case Trigger.ChooseContainment:
                    buttons.AddRange(runbook.Options.Select(o => new CardButton(Clip(o.Title, 75), $"/incident contain {id} {o.Id}", ButtonStyle.Default,
                        new ConfirmDialog($"Choose {Clip(o.Title, 60)}?",
                            $"{(o.Description.Length > 0 ? o.Description + " " : "")}Acts on the {o.Layer} layer; needs {IncidentCards.ApprovalText(o, incident)}.",
                            "Choose it"))));
                    break;
                case Trigger.Approve:
                    buttons.Add(ApproveButton(incident));
                    break;
                case Trigger.Reject:
                    buttons.Add(new CardButton("Reject", $"/incident reject {id}", ButtonStyle.Danger, null, "Why reject it?"));
                    break;
                case Trigger.ConfirmRecovered:
                    buttons.Add(new CardButton("Confirm recovered", $"/incident recovered {id}", ButtonStyle.Primary,
                        new ConfirmDialog("Confirm recovery?", "You confirm that the service behaves normally again. Verification stops and the incident moves to Recovered.", "It recovered")));
                    break;
                case Trigger.StartReview:
                    buttons.Add(new CardButton("Start review", $"/incident review {id}", ButtonStyle.Primary));
                    break;
                case Trigger.RecordLearning:
                    buttons.Add(ReviewCard.Learn(incident));
                    break;
                case Trigger.RecordFactor:
                    buttons.Add(ReviewCard.Factor(incident));
                    break;
                case Trigger.AddFollowUp:
                    buttons.Add(ReviewCard.FollowUp(incident));
                    break;
                case Trigger.AnswerQuestion:
                    buttons.AddRange(ReviewCard.Answers(incident));
                    break;
                case Trigger.Close:
                    buttons.Add(ReviewCard.Close(incident, runbook));
                    break;
                case Trigger.RetryExecution when incident.Current is { } c:
                    buttons.Add(new CardButton("Retry", $"/incident retry {id}", ButtonStyle.Primary,
                        new ConfirmDialog("Run it again?", incident.InterruptedStep is { } n
                            ? $"Runs '{Clip(c.OptionTitle, 80)}' again from step {n + 1}, which was interrupted and may already have taken effect."
                            : $"Runs '{Clip(c.OptionTitle, 80)}' again from the step that failed.", "Retry")));
                    break;
                case Trigger.ContinueExecution when incident.InterruptedStep is { } step:
                    buttons.Add(new CardButton($"Step {step + 1} done by hand: continue", $"/incident continue {id}", ButtonStyle.Default,
                        new ConfirmDialog("Continue after the step?", $"You confirm step {step + 1} was completed by hand; the bot continues with the next step.", "Continue")));
                    break;
                case Trigger.LiftControl:
                    buttons.AddRange(incident.ControlsInForce.Select(c => new CardButton(Clip("Lift " + c.OptionTitle, 75), $"/incident lift {id} {c.OptionId}", ButtonStyle.Default,
                        new ConfirmDialog("Lift the control?", $"Turns '{Clip(c.OptionTitle, 80)}' off again; needs the same approvals as turning it on.", "Lift it"))));
                    break;
                case Trigger.AssignRole when incident.Commander == Governance.Actor.System.Id:
                    // Opened by the bot (an alert): nobody leads it yet, so anyone may take command ("me" = who clicks).
                    buttons.Add(new CardButton("Take command", $"/incident assign {id} commander {AssignCommand.Me}", ButtonStyle.Primary,
                        new ConfirmDialog("Take command?", $"You become the incident commander of {id}; the bot opened it from an alert.", "Take command")));
                    break;
                case Trigger.Cancel:
                    buttons.Add(new CardButton("Cancel incident", $"/incident cancel {id}", ButtonStyle.Danger, null, "Why call it off?"));
                    break;
            }
        }
        return buttons;
    }

    private static CardButton ApproveButton(Incident incident)
    {
        var c = incident.State == IncidentState.AwaitingApproval ? incident.Current : incident.PendingAfterTheFactApproval;
        var what = c is null ? "the containment" : $"'{c.OptionTitle}'";
        var move = ApprovalMoveText(incident, c);
        var label = incident.State == IncidentState.AwaitingApproval ? "Approve" : "Approve break-glass";
        return new CardButton(label, $"/incident approve {incident.Id}", ButtonStyle.Primary,
            new ConfirmDialog($"Approve {Clip(what, 60)}?", $"Your approval is recorded with your name.{move}", "Approve"));
    }

    /// <summary>One triage button per layer that changed in the window (newest first), at the severity the incident was
    /// declared with: the layer a rollback then acts on. None when no severity is set yet (a person picks it first).</summary>
    private static IEnumerable<CardButton> LayerTriageButtons(Incident incident, IReadOnlyList<string> changedLayers) =>
        incident.Severity is not { } severity ? []
            : changedLayers.Select(layer => new CardButton($"{severity.ToText().ToUpperInvariant()} · {layer}",
                $"/incident triage {incident.Id} {severity.ToText()} {layer}", ButtonStyle.Default));

    /// <summary>What an approver is told a rollback moves: one layer, or every coupled layer (<c>moves_with</c>) with it.</summary>
    private static string ApprovalMoveText(Incident incident, Containment? c) => c?.FromVersion is null ? ""
        : c.Coupled.Count == 0 ? $" It moves the {c.Layer} layer of {incident.Service} from {c.FromVersion} back to {c.ToVersion}."
        : $" It moves {c.Moves.Count} layers of {incident.Service} back together: {string.Join(", ", c.Moves)}.";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
