namespace IncidentBot.Storage.Shared.Audit;

/// <summary>What an evidence audit (<see cref="EvidenceAudit"/>) concluded.</summary>
public enum AuditVerdict
{
    /// <summary>Every check passed (exit code 0).</summary>
    Intact = 0,
    /// <summary>The store was altered, or it cannot prove it was not (exit code 1).</summary>
    Altered = 1,
    /// <summary>The audit could not run: missing, unreadable or foreign database, no public key, no connection (exit code 2).</summary>
    CouldNotRun = 2,
}

/// <summary>The verdict and one line for people: what was checked, or the first problem and where it is.</summary>
/// <param name="Verdict">The verdict; its number is the CLI's exit code.</param>
/// <param name="Message">One line, never a stack trace.</param>
public sealed record EvidenceAuditResult(AuditVerdict Verdict, string Message)
{
    /// <summary>An <see cref="AuditVerdict.Altered"/> result.</summary>
    /// <param name="message">The first problem and where it is.</param>
    public static EvidenceAuditResult Altered(string message) => new(AuditVerdict.Altered, message);

    /// <summary>A <see cref="AuditVerdict.CouldNotRun"/> result.</summary>
    /// <param name="message">Why the audit could not run; never a secret.</param>
    public static EvidenceAuditResult CouldNotRun(string message) => new(AuditVerdict.CouldNotRun, message);
}
