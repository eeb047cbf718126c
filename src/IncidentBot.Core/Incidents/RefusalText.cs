using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Incidents;

/// <summary>
/// Refusals of the lifecycle in the words of the people using it, not the engine's: not
/// <c>'RecordLearning' is not possible now: INC-3 is in Triage</c> but
/// <c>Learnings are added during review; INC-3 is in triage.</c> Every trigger says when it is possible, every state
/// says where the incident is.
/// </summary>
public static class RefusalText
{
    /// <summary>The refusal of <paramref name="trigger"/> for incident <paramref name="incidentId"/> in
    /// <paramref name="state"/>. <paramref name="unmet"/> is the guard that did not hold when the move exists in this
    /// state but its condition does not; its sentence (<see cref="LifecycleGuard.WhenUnmet"/>) replaces the "when
    /// possible" phrase.</summary>
    public static string Refusal(Trigger trigger, IncidentState state, string incidentId, LifecycleGuard? unmet = null)
    {
        var why = unmet?.WhenUnmet is { Length: > 0 } g ? char.ToUpperInvariant(g[0]) + g[1..] : WhenPossible(trigger);
        return $"{why}; {incidentId} is {Where(state)}.";
    }

    /// <summary>When <paramref name="trigger"/> is possible, as a sentence without its full stop.</summary>
    public static string WhenPossible(Trigger trigger) => trigger switch
    {
        Trigger.Declare => "An incident is declared only once",
        Trigger.Triage => "Severity and layers are set while the incident is open",
        Trigger.ChooseContainment => "A containment is chosen after triage, after a rejection or when the last one did not work",
        Trigger.BreakGlass => "Break-glass is used when choosing a containment, after triage",
        Trigger.Approve => "Approvals are given while a containment awaits approval, or after the fact for a break-glass one",
        Trigger.Reject => "A containment is rejected while it awaits approval",
        Trigger.ExecutionSucceeded or Trigger.ExecutionFailed => "Only a running containment finishes or fails",
        Trigger.VerificationPassed or Trigger.VerificationFailed or Trigger.VerificationInconclusive =>
            "Verification results come while the bot verifies recovery",
        Trigger.ConfirmRecovered => "Recovery is confirmed once a containment was chosen: while verifying, or after execution or verification failed",
        Trigger.StartReview => "The review starts once the system recovered",
        Trigger.RecordLearning => "Learnings are added during review",
        Trigger.AddFollowUp => "Follow-ups are added during review",
        Trigger.RecordFactor => "Contributing factors are added during review",
        Trigger.AnswerQuestion => "Review questions are answered during review",
        Trigger.Close => "An incident is closed after its review",
        Trigger.Cancel => "Only an open incident can be cancelled",
        Trigger.LiftControl => "A runtime control or pause is lifted once the system recovered",
        Trigger.RetryExecution => "A containment is retried after its execution failed",
        Trigger.ContinueExecution => "Execution continues after an interrupted step that was done by hand",
        Trigger.ApprovalExpired => "Only a containment awaiting approval can expire",
        Trigger.Progress => "Progress is recorded while something is under way",
        Trigger.Note => "Notes can be added at any time",
        Trigger.AssignRole => "Roles are given while the incident is open",
        _ => "That is not possible now",
    };

    /// <summary>Where an incident in <paramref name="state"/> is, to follow "INC-3 is".</summary>
    public static string Where(IncidentState state) => state switch
    {
        IncidentState.Triage => "in triage",
        IncidentState.ContainmentChoice => "waiting for a containment to be chosen",
        IncidentState.AwaitingApproval => "awaiting approval",
        IncidentState.Executing => "executing a containment",
        IncidentState.ExecutionFailed => "stopped at a failed step",
        IncidentState.Verifying => "verifying recovery",
        IncidentState.VerificationFailed => "not recovered: verification failed",
        IncidentState.Recovered => "recovered",
        IncidentState.InReview => "in review",
        IncidentState.Closed => "closed",
        _ => "cancelled",
    };
}
