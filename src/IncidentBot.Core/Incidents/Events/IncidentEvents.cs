using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents.Events;

// The catalogue of incident events: one small record each, kept together so the whole vocabulary of the
// evidence log reads on one page.

/// <summary>The incident was opened. <see cref="Drill"/> is true for a practice incident (<c>/incident drill</c>): it
/// runs the real runbook against the drill settings and is never counted as a real incident; null (not written) on
/// real incidents, so their payloads read as they always did.</summary>
public sealed record IncidentDeclared(
    string Title, Severity? Severity, string Service, string RunbookId, string RunbookHash, string RunbookVersion,
    string Commander, string OriginSurface, string? OriginConversation, bool? Drill = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Declare;
}

/// <summary>Severity and affected layers were set. <see cref="ApprovalsRequired"/> is set when a containment awaiting
/// approval now needs more approvals because the severity went up (never fewer: a requirement is not relaxed mid-approval).</summary>
public sealed record IncidentTriaged(Severity Severity, IReadOnlyList<string> Layers, int? ApprovalsRequired = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Triage;
}

/// <summary>The incident moved to another runbook at triage, before any containment was chosen, pinned by content hash
/// like a declaration (the runbook's text is stored with the evidence under <see cref="RunbookHash"/>). Recorded in the
/// same commit as the <see cref="IncidentTriaged"/> that asked for it.</summary>
public sealed record RunbookChanged(string FromRunbookId, string FromRunbookHash, string RunbookId, string RunbookHash, string RunbookVersion) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => null;
}

/// <summary>A containment option was chosen (or executed by break-glass). <see cref="Coupled"/>: for a rollback whose
/// option declares <c>moves_with</c>, the other layers it moves back and their versions (null when none).</summary>
public sealed record ContainmentChosen(
    int Attempt, string OptionId, string OptionTitle, ContainmentKind Kind, string Layer,
    int RequiredApprovals, IReadOnlyList<string> ApproverGroups, bool BreakGlass,
    string? FromVersion, string? ToVersion, bool Lifts = false, IReadOnlyList<LayerMove>? Coupled = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Lifts ? Incidents.Trigger.LiftControl : BreakGlass ? Incidents.Trigger.BreakGlass : Incidents.Trigger.ChooseContainment;
}

/// <summary>An approver approved a containment; <see cref="AfterTheFact"/> for break-glass ones.</summary>
public sealed record ApprovalGranted(int Attempt, string OptionId, string Note, bool AfterTheFact) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Approve;
}

/// <summary>An approver rejected the chosen containment.</summary>
public sealed record ContainmentRejected(int Attempt, string OptionId, string Reason) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Reject;
}

/// <summary>One execution step finished (successfully or not). Detail is redacted of secrets.</summary>
public sealed record StepCompleted(int Attempt, int Index, string StepId, string Kind, bool Succeeded, string Summary,
    string? FromVersion, string? ToVersion) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => null;
}

/// <summary>Every step of the containment succeeded.</summary>
public sealed record ExecutionSucceeded(int Attempt, string OptionId, string Summary) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ExecutionSucceeded;
}

/// <summary>A step failed and the plan stopped there. <see cref="InterruptedAt"/> is set when the bot died during that
/// step (0-based index) and the step is not safe to repeat: a person decides whether to retry, continue or fall back.</summary>
public sealed record ExecutionFailed(int Attempt, string OptionId, string StepId, string Error, int? InterruptedAt = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ExecutionFailed;
}

/// <summary>All verification checks passed.</summary>
public sealed record VerificationPassed(string Detail) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.VerificationPassed;
}

/// <summary>A verification check failed past its window.</summary>
public sealed record VerificationFailed(string CheckId, string Detail) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.VerificationFailed;
}

/// <summary>A check could not decide; a person must.</summary>
public sealed record VerificationInconclusive(string CheckId, string Detail) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.VerificationInconclusive;
}

/// <summary>A person confirmed the system recovered.</summary>
public sealed record RecoveryConfirmed(string Note) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ConfirmRecovered;
}

/// <summary>The post-incident review started.</summary>
public sealed record ReviewStarted(IReadOnlyList<string> Questions) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.StartReview;
}

/// <summary>A learning was recorded.</summary>
public sealed record LearningRecorded(string Text) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RecordLearning;
}

/// <summary>A follow-up action was recorded, with the governance person who owns it and when it is due (both
/// optional; events recorded before owners existed have neither).</summary>
public sealed record FollowUpAdded(string Text, string? Owner = null, DateOnly? Due = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AddFollowUp;
}

/// <summary>A contributing factor was recorded in the review: a condition that made the incident possible or worse
/// (no canary, a missing alert, an unclear runbook step), as distinct from a learning.</summary>
public sealed record ContributingFactorRecorded(string Text) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RecordFactor;
}

/// <summary>One of the runbook's review questions was answered. <paramref name="Number"/> is 1-based in the list
/// <see cref="ReviewStarted.Questions"/> pinned when the review started; <paramref name="Question"/> repeats its
/// text so the evidence reads on its own. A later answer to the same number replaces the earlier one.</summary>
public sealed record QuestionAnswered(int Number, string Question, string Text) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AnswerQuestion;
}

/// <summary>The incident was closed.</summary>
public sealed record IncidentClosed(string Summary) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Close;
}

/// <summary>The incident was called off.</summary>
public sealed record IncidentCancelled(string Reason) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Cancel;
}

/// <summary>A note on the timeline.</summary>
public sealed record NoteAdded(string Text) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Note;
}

/// <summary>A role was given to a person.</summary>
/// <param name="Role">The role, e.g. <c>commander</c>.</param>
/// <param name="Person">Governance person id.</param>
/// <param name="Reason">Why, when the bot gave it rather than a person asking (the first responder to act on an
/// incident the bot commanded); null for an explicit assignment.</param>
public sealed record RoleAssigned(string Role, string Person, string? Reason = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.AssignRole;
}

/// <summary>A command was refused: illegal in this state, not allowed for this person, or invalid. Changes nothing
/// but is evidence of who tried what.</summary>
public sealed record CommandRefused(string Verb, string? AttemptedTrigger, string Command, string Reason) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => null;

    /// <inheritdoc />
    public override bool CountsAsChange => false;
}

/// <summary>A monitoring signal about this incident (firing again, or resolved). Evidence only; allowed in any state.
/// <c>Annotations</c> (cleaned, bounded) is null for signals without any and for signals recorded before
/// annotations were kept.</summary>
public sealed record SignalReceived(string Source, string GroupKey, string Status, string Title, IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? StartsAt = null, string? Link = null, IReadOnlyDictionary<string, string>? Annotations = null) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Note;
}

/// <summary>The bot is about to run a step; with <see cref="StepCompleted"/> it shows where an interrupted run stopped.</summary>
public sealed record StepStarted(int Attempt, int Index, string StepId, string Kind, bool Idempotent) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Progress;
}

/// <summary>A person asked to run the containment again from the step that did not finish.</summary>
public sealed record ExecutionRetried(int Attempt, int FromStep, string Note) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.RetryExecution;
}

/// <summary>A person confirmed the interrupted step was completed by hand; execution continues after it.</summary>
public sealed record ExecutionContinued(int Attempt, int SkippedStep, string Note) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ContinueExecution;
}

/// <summary>An approval window timer fired: a reminder, or an escalation to more groups.</summary>
public sealed record ApprovalReminderSent(int Attempt, int Missing, bool Escalated, IReadOnlyList<string> Groups) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Progress;
}

/// <summary>The approval window ran out; the containment was not approved in time.</summary>
public sealed record ApprovalExpired(int Attempt, string OptionId) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.ApprovalExpired;
}

/// <summary>One poll of one verification check.</summary>
public sealed record CheckPolled(int Attempt, string CheckId, string Status, string Detail, int Streak) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Progress;
}

/// <summary>The review has been open a while: a nudge to finish it.</summary>
public sealed record ReviewReminderSent(int Learnings, int FollowUps) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => Incidents.Trigger.Progress;
}

/// <summary>The incident talks in this conversation: where it was declared or announced, and later the thread its
/// root message started there. Bound by the engine in the commit that made it so; a later binding of the same place
/// (surface and channel) replaces the earlier one. Not a change of the incident (its version stays).</summary>
public sealed record ConversationBound(Conversations.ConversationReference Conversation) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => null;

    /// <inheritdoc />
    public override bool CountsAsChange => false;
}

/// <summary>The bot was told of a place it may talk in (a Teams team or chat it was added to), with the service URL
/// an authenticated activity from there carried. Recorded in the bot's stream.</summary>
public sealed record ConversationSeen(Conversations.ConversationReference Conversation, string Event) : IncidentEvent
{
    /// <inheritdoc />
    public override Trigger? Trigger => null;

    /// <inheritdoc />
    public override bool CountsAsChange => false;
}
