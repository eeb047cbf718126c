namespace IncidentBot.Bench.Lifecycle;

/// <summary>The decisions measured, each a guarded move of the lifecycle.</summary>
public enum DecisionCase
{
    /// <summary>AwaitingApproval + Approve when this approval completes the quorum: to Executing.</summary>
    ApproveWithQuorum,

    /// <summary>ContainmentChoice + ChooseContainment of an option that needs one approval: to AwaitingApproval.</summary>
    ChooseContainment,
}
