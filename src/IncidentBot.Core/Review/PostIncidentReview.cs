using IncidentBot.Core.Changes;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Review;

/// <summary>
/// The draft post-incident review of one incident, built from its evidence alone
/// (<see cref="PostIncidentReviewBuilder"/>): every time in it is an event's time, never the clock, so the same
/// evidence always drafts the same review. Text in it is as people and systems wrote it (already cleaned of secrets
/// when stored); each renderer escapes it for its format.
/// </summary>
/// <param name="Summary">Who, what, when and how long.</param>
/// <param name="RecentChanges">Changes to the service in the change window before the declaration, newest first.</param>
/// <param name="SuspectChange">The change triage pointed at: the latest recent change on a layer triage named (the one
/// a rollback moved away from when there is one); null when none matches.</param>
/// <param name="Moves">What containments moved (rollbacks: layer, from → to version).</param>
/// <param name="Decisions">Who chose, approved, rejected, was refused or broke glass, in order.</param>
/// <param name="Containments">Each containment attempt: steps, retries, interruptions, checks and outcome.</param>
/// <param name="ControlsInForce">Controls and pauses applied and not lifted.</param>
/// <param name="Learnings">Learnings, with who recorded them and when.</param>
/// <param name="ContributingFactors">Contributing factors.</param>
/// <param name="FollowUps">Follow-ups, with owner and due date.</param>
/// <param name="Questions">The runbook's review questions pinned when the review started, with their answers.</param>
/// <param name="Required">What the runbook requires before close at the incident's severity; null without a runbook.</param>
/// <param name="Timeline">Every event, one sentence each, with its hash.</param>
/// <param name="Seal">The evidence seal and chain head.</param>
public sealed record PostIncidentReview(
    ReviewSummary Summary,
    IReadOnlyList<ChangeRecord> RecentChanges,
    ChangeRecord? SuspectChange,
    IReadOnlyList<ReviewMove> Moves,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyList<ReviewContainment> Containments,
    IReadOnlyList<string> ControlsInForce,
    IReadOnlyList<ReviewItem> Learnings,
    IReadOnlyList<ReviewItem> ContributingFactors,
    IReadOnlyList<FollowUpItem> FollowUps,
    IReadOnlyList<ReviewQuestion> Questions,
    ReviewCloseRequirement? Required,
    IReadOnlyList<ReviewTimelineEntry> Timeline,
    ReviewSeal Seal)
{
    /// <summary>How the drill went, for a drill (<see cref="Incident.IsDrill"/>); null for a real incident.</summary>
    public Drills.DrillReport? Drill { get; init; }
}
