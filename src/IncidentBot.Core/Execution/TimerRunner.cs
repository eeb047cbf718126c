using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Execution;

/// <summary>
/// Fires durable timers from the outbox: approval reminders, escalation, expiry, and the review reminder. A timer
/// fires only if the incident is still where it was when the timer was set, and at most once: its report carries a
/// delivery id derived from the timer, so a timer re-run after a crash is a duplicate, not a second reminder.
/// </summary>
public sealed class TimerRunner(IncidentEngine engine, EngineOptions options) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Timer;

    /// <inheritdoc />
    public Task RunAsync(OutboxItem item, CancellationToken cancellationToken) => RunAsync(OutboxDrafts.Read<TimerJob>(item), cancellationToken);

    /// <summary>Fires the timer if it still applies.</summary>
    public async Task RunAsync(TimerJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await engine.LoadAsync(job.IncidentId, cancellationToken).ConfigureAwait(false) is not { Incident: var incident }) return;
        var pending = incident.State == IncidentState.AwaitingApproval && incident.Current is { } c && c.Attempt == job.Attempt ? incident.Current : null;
        (Trigger Trigger, IncidentEvent Fact)? fire = job.Kind switch
        {
            "approval-reminder" when pending is not null =>
                (Trigger.Progress, new ApprovalReminderSent(job.Attempt, pending.ApprovalsMissing, false, pending.ApproverGroups)),
            "approval-escalation" when pending is not null =>
                (Trigger.Progress, new ApprovalReminderSent(job.Attempt, pending.ApprovalsMissing, true,
                    [.. pending.ApproverGroups.Union(options.EscalationGroups, StringComparer.Ordinal)])),
            "approval-expiry" when pending is not null => (Trigger.ApprovalExpired, new ApprovalExpired(job.Attempt, pending.OptionId)),
            "review-reminder" when incident.State == IncidentState.InReview =>
                (Trigger.Progress, new ReviewReminderSent(incident.Learnings.Count, incident.FollowUps.Count)),
            _ => null,
        };
        if (fire is not { } f) return;
        await engine.ReportJobResultAsync(incident.Id, new SystemResultCommand(f.Trigger, [f.Fact]),
            $"timer:{job.Kind}:{incident.Id}:{job.Attempt}", cancellationToken).ConfigureAwait(false);
    }
}
