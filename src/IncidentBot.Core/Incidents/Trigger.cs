namespace IncidentBot.Core.Incidents;

/// <summary>Everything that can happen to an incident. Which ones may fire when is <see cref="Lifecycle.IncidentLifecycle"/>.</summary>
public enum Trigger
{
    /// <summary>Open the incident (only for a stream that does not exist yet).</summary>
    Declare,
    /// <summary>Set severity and affected layers.</summary>
    Triage,
    /// <summary>Choose a containment option of the runbook.</summary>
    ChooseContainment,
    /// <summary>The commander executes a containment before approval (approved after the fact).</summary>
    BreakGlass,
    /// <summary>An approver approves the chosen containment (or a break-glass one after the fact).</summary>
    Approve,
    /// <summary>An approver rejects the chosen containment, with a reason.</summary>
    Reject,
    /// <summary>The bot finished every execution step.</summary>
    ExecutionSucceeded,
    /// <summary>An execution step failed; the plan stopped there.</summary>
    ExecutionFailed,
    /// <summary>Every verification check passed.</summary>
    VerificationPassed,
    /// <summary>A check failed past its window.</summary>
    VerificationFailed,
    /// <summary>A check could not decide (unreachable, ambiguous): a person must.</summary>
    VerificationInconclusive,
    /// <summary>A person confirms the system recovered.</summary>
    ConfirmRecovered,
    /// <summary>Start the post-incident review.</summary>
    StartReview,
    /// <summary>Record a learning in the review.</summary>
    RecordLearning,
    /// <summary>Record a follow-up action in the review.</summary>
    AddFollowUp,
    /// <summary>Record a contributing factor in the review.</summary>
    RecordFactor,
    /// <summary>Answer one of the runbook's review questions.</summary>
    AnswerQuestion,
    /// <summary>Close after the review.</summary>
    Close,
    /// <summary>Call the incident off, with a reason.</summary>
    Cancel,
    /// <summary>Lift a runtime control or pause that is in force (an approvable containment of its own).</summary>
    LiftControl,
    /// <summary>Run the failed or interrupted containment again from the step that did not finish.</summary>
    RetryExecution,
    /// <summary>A person confirms the interrupted step was completed by hand; execution continues after it.</summary>
    ContinueExecution,
    /// <summary>The approval window ran out; back to the containment choice.</summary>
    ApprovalExpired,
    /// <summary>The bot records progress that moves nothing: a step started, a check polled, a reminder sent.</summary>
    Progress,
    /// <summary>Add a note to the timeline (any state).</summary>
    Note,
    /// <summary>Assign a role such as commander or scribe (any open state).</summary>
    AssignRole,
}
