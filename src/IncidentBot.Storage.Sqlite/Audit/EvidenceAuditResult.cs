namespace IncidentBot.Storage.Sqlite.Audit;

/// <summary>What <see cref="SqliteEvidenceAuditor"/> concluded.</summary>
public enum AuditVerdict
{
    /// <summary>Every check passed (exit code 0).</summary>
    Intact = 0,
    /// <summary>The store was altered, or it cannot prove it was not (exit code 1).</summary>
    Altered = 1,
    /// <summary>The audit could not run: missing, unreadable or foreign file, no public key (exit code 2).</summary>
    CouldNotRun = 2,
}

/// <summary>The verdict and one line for people: what was checked, or the first problem and where it is.</summary>
/// <param name="Verdict">The verdict; its number is the CLI's exit code.</param>
/// <param name="Message">One line, never a stack trace.</param>
public sealed record EvidenceAuditResult(AuditVerdict Verdict, string Message)
{
    internal static EvidenceAuditResult Altered(string message) => new(AuditVerdict.Altered, message);

    internal static EvidenceAuditResult CouldNotRun(string message) => new(AuditVerdict.CouldNotRun, message);
}
