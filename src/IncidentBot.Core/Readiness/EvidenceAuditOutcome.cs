namespace IncidentBot.Core.Readiness;

/// <summary>The outcome of the read-only evidence audit, as the readiness report sees it.</summary>
public enum EvidenceAuditOutcome
{
    /// <summary>Every check passed.</summary>
    Intact,
    /// <summary>The store was altered, or cannot prove it was not.</summary>
    Altered,
    /// <summary>The audit could not run (no database, no key, no connection).</summary>
    CouldNotRun,
}
