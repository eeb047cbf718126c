using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;
using static IncidentBot.Core.Incidents.IncidentState;

namespace IncidentBot.Core.StateMachines;

/// <summary>
/// The lifecycle as it was decided before Stateless: kept only until the equivalence test has shown the Stateless
/// machine decides every case the same way.
/// </summary>
public static class LegacyLifecycle
{
    /// <summary>States from which nothing but notes can happen.</summary>
    public static readonly IReadOnlyList<IncidentState> Terminal = [Closed, Cancelled];

    /// <summary>Every state that is not terminal.</summary>
    public static readonly IReadOnlyList<IncidentState> Open =
        Enum.GetValues<IncidentState>().Where(s => !Terminal.Contains(s)).ToList();

    private static readonly IncidentState[] Rechoosable = [ContainmentChoice, ExecutionFailed, VerificationFailed];
    private static readonly IncidentState[] AfterExecution = [Executing, ExecutionFailed, Verifying, VerificationFailed, Recovered, InReview];

    /// <summary>The table.</summary>
    public static readonly TransitionTable<IncidentState, Trigger, LifecycleInputs> Table = Build();

    private static TransitionTable<IncidentState, Trigger, LifecycleInputs> Build()
    {
        var t = new TransitionTable<IncidentState, Trigger, LifecycleInputs>()
            .Permit(Triage, Trigger.Triage, ContainmentChoice)
            .PermitReentryIn(Open.Where(s => s != Triage), Trigger.Triage);

        foreach (var s in Rechoosable)
        {
            t.PermitIf(s, Trigger.ChooseContainment, AwaitingApproval, c => c.CandidateApprovals > 0,
                    "needs approval", "this option needs no approval")
             .PermitIf(s, Trigger.ChooseContainment, Executing, c => c.CandidateApprovals == 0,
                    "no approval needed", "this option needs approval")
             .PermitIf(s, Trigger.BreakGlass, Executing, c => c.CandidateBreakGlass,
                    "break-glass allowed", "the runbook does not allow break-glass for this option at this severity");
        }

        t.PermitIf(AwaitingApproval, Trigger.Approve, Executing, c => c.ApprovalsMissing <= 1,
                "quorum reached", "more approvals are needed")
         .PermitIf(AwaitingApproval, Trigger.Approve, AwaitingApproval, c => c.ApprovalsMissing > 1,
                "more approvals needed", "quorum already reached")
         .Permit(AwaitingApproval, Trigger.Reject, ContainmentChoice)
         .Permit(AwaitingApproval, Trigger.ApprovalExpired, ContainmentChoice)
         .Permit(Executing, Trigger.ExecutionSucceeded, Verifying)
         .Permit(ExecutionFailed, Trigger.RetryExecution, Executing)
         .PermitIf(ExecutionFailed, Trigger.ContinueExecution, Executing, c => c.ExecutionInterrupted,
                "execution was interrupted", "only an interrupted execution can continue after its step")
         .Permit(Executing, Trigger.ExecutionFailed, ExecutionFailed)
         .Permit(Verifying, Trigger.VerificationPassed, Recovered)
         .Permit(Verifying, Trigger.VerificationFailed, VerificationFailed)
         .Permit(Verifying, Trigger.VerificationInconclusive, Verifying)
         .PermitFrom([ContainmentChoice, ExecutionFailed, Verifying, VerificationFailed], Trigger.ConfirmRecovered, Recovered)
         .Permit(Recovered, Trigger.StartReview, InReview)
         .PermitIf(Recovered, Trigger.LiftControl, AwaitingApproval, c => c.ControlsInForce && c.CandidateApprovals > 0,
                "control in force, needs approval", "no runtime control or pause is in force")
         .PermitIf(Recovered, Trigger.LiftControl, Executing, c => c.ControlsInForce && c.CandidateApprovals == 0,
                "control in force, no approval needed", "no runtime control or pause is in force")
         .Permit(InReview, Trigger.RecordLearning, InReview)
         .Permit(InReview, Trigger.AddFollowUp, InReview)
         .Permit(InReview, Trigger.RecordFactor, InReview)
         .Permit(InReview, Trigger.AnswerQuestion, InReview)
         .PermitIf(InReview, Trigger.Close, Closed, c => !c.AfterTheFactApprovalPending,
                "no break-glass approval pending", "a break-glass containment still needs approval after the fact");

        foreach (var s in AfterExecution)
        {
            t.PermitIf(s, Trigger.Approve, s, c => c.AfterTheFactApprovalPending,
                "break-glass approval pending", "there is nothing to approve");
        }

        t.PermitReentryIn([AwaitingApproval, Executing, Verifying, InReview], Trigger.Progress);

        return t.PermitFrom(Open, Trigger.Cancel, Cancelled)
            .PermitReentryIn(Open, Trigger.AssignRole)
            .PermitReentryIn(Enum.GetValues<IncidentState>(), Trigger.Note);
    }

    /// <summary>The lifecycle as a Mermaid state diagram (the one in README.md).</summary>
    public static string ToMermaid() => Table.ToMermaid(Triage, Terminal);
}
