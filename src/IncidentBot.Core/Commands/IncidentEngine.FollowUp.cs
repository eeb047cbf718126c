using IncidentBot.Core.Conversations;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Commands;

// Everything that must happen after a commit is committed WITH it, as outbox rows: jobs (execute, verify), durable
// timers (rows due later) and notifications. A crash or restart delays them; it never loses or doubles them.
public sealed partial class IncidentEngine
{
    /// <summary>Check kinds the bot polls itself; any other kind (manual) is confirmed by a person.</summary>
    internal static readonly IReadOnlySet<string> AutomaticCheckKinds = new HashSet<string>(StringComparer.Ordinal) { "http", "prometheus" };

    private List<OutboxDraft> FollowUpWork(Incident before, Incident after, Runbook runbook, IReadOnlyList<IncidentEvent> events,
        Actor actor, CommandEnvelope envelope, DateTimeOffset now)
    {
        var work = new List<OutboxDraft>();
        var attempt = after.Current?.Attempt ?? 0;
        var newAttempt = before.Current?.Attempt != after.Current?.Attempt;
        var entered = after.State != before.State || newAttempt || events.Any(e => e is ExecutionRetried or ExecutionContinued);

        if (after.State == IncidentState.Executing && entered)
            work.Add(OutboxDrafts.Job(JobKind.Execute, new ExecuteJob(after.Id, attempt), now));
        if (after.State == IncidentState.AwaitingApproval && entered)
        {
            work.Add(OutboxDrafts.Job(JobKind.Timer, new TimerJob(after.Id, "approval-reminder", attempt), now + options.ApprovalReminderAfter));
            work.Add(OutboxDrafts.Job(JobKind.Timer, new TimerJob(after.Id, "approval-escalation", attempt), now + options.ApprovalEscalateAfter));
            work.Add(OutboxDrafts.Job(JobKind.Timer, new TimerJob(after.Id, "approval-expiry", attempt), now + options.ApprovalExpireAfter));
        }
        if (after.State == IncidentState.InReview && entered)
            work.Add(OutboxDrafts.Job(JobKind.Timer, new TimerJob(after.Id, "review-reminder", attempt), now + options.ReviewReminderAfter));
        if (after.State == IncidentState.Verifying && NextPoll(after, runbook, events, entered, now) is { } due)
            work.Add(OutboxDrafts.Job(JobKind.Verify, new ExecuteJob(after.Id, attempt, after.LastSeq), due));

        // The thread hears what the commit stored (its events' range, described at delivery), not a card rendered now.
        if (!events.All(e => e is StepStarted))
            work.AddRange(NotificationRouter.Route(after, actor, envelope, before.LastSeq + 1, after.LastSeq, NotificationRouter.NeedsAction(before, after, events)));
        return work;
    }

    /// <summary>When to poll the automatic checks next: at once on entering Verifying, then every shortest interval
    /// of the checks still short of their passes, until the runner reports a verdict. Null when nothing to poll.</summary>
    private static DateTimeOffset? NextPoll(Incident after, Runbook runbook, IReadOnlyList<IncidentEvent> events, bool entered, DateTimeOffset now)
    {
        if (after.Current is not { } c || runbook.FindOption(c.OptionId) is not { } option) return null;
        var pending = option.Checks.Where(k => AutomaticCheckKinds.Contains(k.Kind) && c.CheckStreaks.GetValueOrDefault(k.Id) < k.ConsecutivePasses).ToList();
        if (pending.Count == 0) return null;
        if (entered) return now;
        var polled = events.OfType<CheckPolled>().ToList();
        if (polled.Count == 0 || polled.Any(p => p.Status == "inconclusive")) return null; // a person decides now
        return now + TimeSpan.FromSeconds(pending.Min(k => k.IntervalSeconds));
    }
}
