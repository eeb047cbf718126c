using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Drills;

/// <summary>
/// How one rollback drill went, read from its evidence alone (the same milestones as the post-incident review and
/// the metrics): how long each stage took, who approved, and what failed. Shown in the drill's export and on the
/// readiness report (point 7, the last drill per service).
/// </summary>
/// <param name="IncidentId">The drill's <c>INC-n</c>.</param>
/// <param name="Service">The service drilled.</param>
/// <param name="RunbookId">The runbook drilled.</param>
/// <param name="Severity">The severity it was triaged at, null when never triaged.</param>
/// <param name="State">Where the drill stands (or ended).</param>
/// <param name="DeclaredUtc">When the drill started.</param>
/// <param name="ToTriage">Started → first triage.</param>
/// <param name="ToApprove">Containment chosen → the approval that completed its quorum.</param>
/// <param name="ToMitigate">Started → every step of a containment done.</param>
/// <param name="ToRecover">Started → recovered (verification passed or recovery confirmed).</param>
/// <param name="Approvers">Who approved, in order (person ids), break-glass approvals after the fact included.</param>
/// <param name="Failures">What failed, in order: failed steps, failed or inconclusive verification, expired approvals,
/// interruptions; each one line (<c>rollback-prompt step deploy-previous-prompt: -> 503</c>).</param>
public sealed record DrillReport(
    string IncidentId,
    string Service,
    string RunbookId,
    Severity? Severity,
    IncidentState State,
    DateTimeOffset DeclaredUtc,
    TimeSpan? ToTriage,
    TimeSpan? ToApprove,
    TimeSpan? ToMitigate,
    TimeSpan? ToRecover,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string> Failures)
{
    /// <summary>True when the drill reached Recovered (a drill that recovered and was then reviewed or closed counts).</summary>
    public bool Recovered => ToRecover is not null;
}
