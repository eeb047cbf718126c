namespace IncidentBot.Core.Outbox;

/// <summary>Runs one kind of job from the outbox. The job worker claims items, dispatches by <see cref="Kind"/>,
/// completes what ran and reschedules what threw.</summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs.</summary>
    JobKind Kind { get; }

    /// <summary>Runs the job. Returns normally when it is done (or no longer applies); throws to have it retried later.</summary>
    Task RunAsync(OutboxItem item, CancellationToken cancellationToken);
}
