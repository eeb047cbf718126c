namespace IncidentBot.Core.Readiness;

/// <summary>The names of the seven readiness points, by number.</summary>
public static class ReadinessPoints
{
    /// <summary>Point 1: every layer with versions has an approved version to go back to.</summary>
    public const string ApprovedBaseline = "Approved baseline";

    /// <summary>Point 2: who may trigger, who must approve, and whether the quorum can be met.</summary>
    public const string RollbackAuthority = "Rollback authority";

    /// <summary>Point 3: a manual or narrower path while rollback runs.</summary>
    public const string FallbackWorkflow = "Fallback workflow";

    /// <summary>Point 4: a control or pause between fully live and fully off.</summary>
    public const string RuntimeControls = "Runtime controls";

    /// <summary>Point 5: a firing alert lands on a runbook.</summary>
    public const string IncidentConnection = "Incident connection";

    /// <summary>Point 6: evidence verifies, its key is kept apart, exports work, retention.</summary>
    public const string EvidenceCapture = "Evidence capture";

    /// <summary>Point 7: timers and escalation, endpoints answering, the last drill.</summary>
    public const string ProductionRealism = "Production realism";
}
