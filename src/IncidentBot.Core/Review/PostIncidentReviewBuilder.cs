using IncidentBot.Core.Changes;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Metrics;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Review;

/// <summary>
/// Drafts a <see cref="PostIncidentReview"/> from an incident's evidence events, its pinned runbook's review template,
/// the change log's records before the declaration and the seal. Pure: no clock, no I/O; the stream is folded once.
/// </summary>
public static partial class PostIncidentReviewBuilder
{
    /// <summary>The review of the incident whose events are <paramref name="events"/> (in order, starting with its
    /// declaration), or null when the stream does not start with one.</summary>
    /// <param name="events">The incident's evidence events.</param>
    /// <param name="template">The pinned runbook's review template (for what close requires); null when unknown.</param>
    /// <param name="recentChanges">Changes to the service in the change window before the declaration, newest first.</param>
    /// <param name="seal">The incident's seal (<see cref="IEvidenceStore.GetSealAsync"/>), or null.</param>
    public static PostIncidentReview? Build(IReadOnlyList<EvidenceEvent> events, ReviewTemplate? template,
        IReadOnlyList<ChangeRecord> recentChanges, string? seal)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(recentChanges);
        if (events.Count == 0 || IncidentMilestones.Fold(events[0].Stream, events) is not var (milestones, incident)) return null;
        var walk = new Walk();
        foreach (var e in events) walk.Add(e, EventCodec.Deserialize(e.Type, e.PayloadJson));

        var containments = incident.Containments.Select(c => walk.Containment(c)).ToList();
        var moves = incident.Containments.Where(c => c is { Kind: ContainmentKind.Rollback, Status: ContainmentStatus.Executed, FromVersion: not null, ToVersion: not null })
            .Select(c => new ReviewMove(c.Attempt, c.OptionId, c.Layer, c.FromVersion!, c.ToVersion!)).ToList();
        var changes = recentChanges.OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).ToList();
        var summary = new ReviewSummary(incident.Id, incident.Title, incident.Service, incident.State, incident.Severity, walk.SeverityChanges,
            incident.Commander, incident.RunbookVersion, walk.AlertLink, milestones);
        return new PostIncidentReview(summary, changes, Suspect(changes, incident), moves, walk.Decisions, containments,
            incident.ControlsInForce.Select(c => c.OptionId).ToList(), incident.LearningItems, incident.ContributingFactors, incident.FollowUpItems,
            incident.ReviewQuestions.Select((q, i) => new ReviewQuestion(i + 1, q, incident.Answers.GetValueOrDefault(i + 1))).ToList(),
            template is null ? null : Required(template, incident), walk.Timeline,
            new ReviewSeal(seal, events[^1].Hash, events.Count))
        {
            Drill = incident.IsDrill ? DrillReports.From(milestones, incident, events) : null,
        };
    }

    /// <summary>The change triage pointed at: among changes on a layer the last triage named, the version a rollback
    /// moved away from if there is one, else the latest.</summary>
    private static ChangeRecord? Suspect(List<ChangeRecord> changes, Incident incident)
    {
        var onLayers = changes.Where(c => incident.Layers.Contains(c.Layer, StringComparer.Ordinal)).ToList();
        var rolledBack = incident.Containments.Where(c => c.Kind == ContainmentKind.Rollback && c.FromVersion is not null)
            .Select(c => (c.Layer, Version: c.FromVersion!)).ToList();
        return onLayers.FirstOrDefault(c => rolledBack.Contains((c.Layer, c.Version))) ?? onLayers.FirstOrDefault();
    }

    /// <summary>The close requirement as the engine judges it (<see cref="ReviewProgress"/>: the same words as a refused close).</summary>
    private static ReviewCloseRequirement Required(ReviewTemplate template, Incident incident)
    {
        var progress = ReviewProgress.Of(incident, template);
        return new ReviewCloseRequirement(progress.Severity, progress.Required.Learnings, progress.Required.FollowUpsWithOwner,
            progress.Missing, progress.Required.AnswersNeeded(progress.Asked), progress.Asked);
    }
}
