namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>
/// The lifecycle's guards: each one's name, its refusal in people's words and its test. <see cref="Default"/> is the
/// rule the bot decides by. History never consults these: an event records the move it made when it was decided
/// (<see cref="StateChange"/>), so changing a rule here changes new decisions only.
/// </summary>
public sealed record LifecycleRules(
    LifecycleGuard NeedsApproval,
    LifecycleGuard NoApprovalNeeded,
    LifecycleGuard BreakGlassAllowed,
    LifecycleGuard QuorumReached,
    LifecycleGuard MoreApprovalsNeeded,
    LifecycleGuard ExecutionInterrupted,
    LifecycleGuard ControlInForce,
    LifecycleGuard AfterTheFactApprovalPending,
    LifecycleGuard NoAfterTheFactApprovalPending)
{
    /// <summary>The rules the bot decides by.</summary>
    public static LifecycleRules Default { get; } = new(
        NeedsApproval: new("needs approval", "this option needs no approval", i => i.CandidateApprovals > 0),
        NoApprovalNeeded: new("no approval needed", "this option needs approval", i => i.CandidateApprovals == 0),
        BreakGlassAllowed: new("break-glass allowed", "the runbook does not allow break-glass for this option at this severity", i => i.CandidateBreakGlass),
        QuorumReached: new("quorum reached", "more approvals are needed", i => i.ApprovalsMissing <= 1),
        MoreApprovalsNeeded: new("more approvals needed", "quorum already reached", i => i.ApprovalsMissing > 1),
        ExecutionInterrupted: new("execution was interrupted", "only an interrupted execution can continue after its step", i => i.ExecutionInterrupted),
        ControlInForce: new("control in force", "no runtime control or pause is in force", i => i.ControlsInForce),
        AfterTheFactApprovalPending: new("break-glass approval pending", "there is nothing to approve", i => i.AfterTheFactApprovalPending),
        NoAfterTheFactApprovalPending: new("no break-glass approval pending", "a break-glass containment still needs approval after the fact", i => !i.AfterTheFactApprovalPending));

    /// <summary>Every guard, in declaration order.</summary>
    public IReadOnlyList<LifecycleGuard> All =>
        [NeedsApproval, NoApprovalNeeded, BreakGlassAllowed, QuorumReached, MoreApprovalsNeeded, ExecutionInterrupted,
         ControlInForce, AfterTheFactApprovalPending, NoAfterTheFactApprovalPending];

    /// <summary>The guard named <paramref name="description"/>, or null.</summary>
    public LifecycleGuard? Find(string description) => All.FirstOrDefault(g => g.Description == description);
}
