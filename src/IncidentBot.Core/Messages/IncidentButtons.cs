using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Messages;

/// <summary>
/// The buttons of an incident card, one family per permitted trigger. At most one is <see cref="ButtonStyle.Primary"/>:
/// the step the runbook expects next (<see cref="NextStep"/>), so the green button never invites a move out of order.
/// </summary>
internal static class IncidentButtons
{
    /// <summary>Marks a severity the incident already has (declared with it, or from its alert).</summary>
    public const string Chosen = " ✓";

    public static IReadOnlyList<CardButton> For(Incident incident, Runbook runbook, IReadOnlyList<string>? changedLayers = null)
    {
        var buttons = Offered(incident, runbook, changedLayers ?? []);
        var next = NextStep(incident, runbook, buttons);
        return buttons.Select(b => b.Command == next ? b with { Style = ButtonStyle.Primary }
            : b.Style == ButtonStyle.Primary ? b with { Style = ButtonStyle.Default } : b).ToList();
    }

    /// <summary>The command of the step the runbook expects next, or null when the card should not push one: the
    /// severity already given in triage; the first option on a triaged layer when a containment is to be chosen;
    /// approving what awaits approval; retrying a failed step; confirming recovery while verifying; starting the review;
    /// closing once the review is ready.</summary>
    private static string? NextStep(Incident incident, Runbook runbook, List<CardButton> offered)
    {
        var id = incident.Id;
        return incident.State switch
        {
            // The severity already given, on the layer that changed last when the card points at one.
            IncidentState.Triage when incident.Severity is { } s =>
                offered.FirstOrDefault(b => b.Command.StartsWith($"/incident triage {id} {s.ToText()} ", StringComparison.Ordinal))?.Command
                ?? $"/incident triage {id} {s.ToText()}",
            IncidentState.Triage => offered.FirstOrDefault(b => b.Command.StartsWith($"/incident assign {id} commander", StringComparison.Ordinal))?.Command,
            IncidentState.ContainmentChoice or IncidentState.VerificationFailed =>
                runbook.Options.FirstOrDefault(o => incident.Layers.Contains(o.Layer, StringComparer.OrdinalIgnoreCase) &&
                    (incident.State == IncidentState.ContainmentChoice || o.Id != incident.Current?.OptionId)) is { } o
                    ? $"/incident contain {id} {o.Id}" : null,
            IncidentState.AwaitingApproval => $"/incident approve {id}",
            IncidentState.ExecutionFailed => $"/incident retry {id}",
            IncidentState.Verifying => $"/incident recovered {id}",
            IncidentState.Recovered => $"/incident review {id}",
            IncidentState.InReview => offered.FirstOrDefault(b => b.Style == ButtonStyle.Primary && b.Command == $"/incident close {id}")?.Command
                ?? (incident.PendingAfterTheFactApproval is null ? null : $"/incident approve {id}"),
            _ => null,
        };
    }

    private static List<CardButton> Offered(Incident incident, Runbook runbook, IReadOnlyList<string> changedLayers)
    {
        var id = incident.Id;
        var buttons = new List<CardButton>();
        foreach (var trigger in incident.PermittedTriggers)
        {
            switch (trigger)
            {
                case Trigger.Triage when incident.State == IncidentState.Triage:
                    buttons.AddRange(Enum.GetValues<Severity>().Select(s =>
                        new CardButton(s.ToText().ToUpperInvariant() + (s == incident.Severity ? Chosen : ""), $"/incident triage {id} {s.ToText()}",
                            s == Severity.Sev1 ? ButtonStyle.Danger : ButtonStyle.Default)));
                    buttons.AddRange(LayerTriageButtons(incident, changedLayers));
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
                // Before any containment was chosen "recovered" is not a step anyone should be offered (the typed command
                // still works: a system can recover on its own); after one it is how a person overrides the checks.
                case Trigger.ConfirmRecovered when incident.Containments.Count > 0:
                    buttons.Add(new CardButton("Confirm recovered", $"/incident recovered {id}", ButtonStyle.Default,
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
                    buttons.Add(new CardButton("Cancel incident", $"/incident cancel {id}", ButtonStyle.Danger,
                        new ConfirmDialog($"Cancel {id}?", "The incident is called off: nothing but notes can happen to it afterwards. You will be asked why.",
                            "Cancel the incident", "Keep it open"), "Why call it off?"));
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
