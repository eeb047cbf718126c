namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>
/// Everything the lifecycle's guards look at, as plain values: the incident computes them
/// (<see cref="Incident.LifecycleInputs"/>), so the machine never reaches into the aggregate and every combination
/// can be tried in a test.
/// </summary>
/// <param name="CandidateApprovals">Approvals the containment being chosen needs at the incident's severity.</param>
/// <param name="CandidateBreakGlass">Whether the runbook allows break-glass for that containment at this severity.</param>
/// <param name="ApprovalsMissing">Distinct approvals the current containment still lacks (0 when there is none).</param>
/// <param name="ExecutionInterrupted">Whether the current containment's execution stopped at an interrupted step.</param>
/// <param name="ControlsInForce">Whether a runtime control or pause is in force.</param>
/// <param name="AfterTheFactApprovalPending">Whether a break-glass containment still lacks its approval after the fact.</param>
public readonly record struct LifecycleInputs(
    int CandidateApprovals = 1,
    bool CandidateBreakGlass = false,
    int ApprovalsMissing = 0,
    bool ExecutionInterrupted = false,
    bool ControlsInForce = false,
    bool AfterTheFactApprovalPending = false);
