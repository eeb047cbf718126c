using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Execution;

/// <summary>
/// The built-in <c>baseline</c> step: moves the option's layer back to the version approved at choice time by
/// recording it as the live version in the change log. Idempotent: if the layer is already there, it succeeds
/// without recording again; if the layer moved to something else since the choice, it refuses to guess.
/// </summary>
public sealed class BaselineExecutor(ChangeLog changes, TimeProvider time) : IExecutor
{
    /// <inheritdoc />
    public string Kind => "baseline";

    /// <inheritdoc />
    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (incident, c) = (context.Incident, context.Containment);
        if (c.FromVersion is null || c.ToVersion is null)
            return new StepOutcome(false, $"No rollback target was resolved for the {c.Layer} layer.");
        var live = await changes.CurrentAsync(incident.Service, c.Layer, cancellationToken).ConfigureAwait(false);
        // A deploy system that records its own deploys (as the practice service does) may have recorded this
        // incident's rollback already, from the step before: then the rollback happened, and the summary says so.
        if (live?.Version == c.ToVersion && live.DeployedBy == ChangeLog.RollbackDeployer(incident.Id))
            return new StepOutcome(true, $"Rolled back {c.Layer} of {incident.Service} from {c.FromVersion} to {c.ToVersion} (the change log already records it).", c.FromVersion, c.ToVersion);
        if (live?.Version == c.ToVersion)
            return new StepOutcome(true, $"{c.Layer} of {incident.Service} is already at {c.ToVersion}.", c.FromVersion, c.ToVersion);
        if (live?.Version != c.FromVersion)
            return new StepOutcome(false, $"{c.Layer} of {incident.Service} is at {live?.Version ?? "no recorded version"}, not {c.FromVersion} as when the rollback was approved. Choose again.");

        // Never stamped before the live record (a deploy system's clock may run ahead of ours): the rollback must
        // become the latest deployment, or the layer would still read as FromVersion and a re-run would record again.
        var at = live.DeployedUtc > time.GetUtcNow() ? live.DeployedUtc : time.GetUtcNow();
        await changes.RecordAsync(new ChangeRecord(incident.Service, c.Layer, c.ToVersion, ChangeLog.RollbackDeployer(incident.Id),
            at, Approved: true, $"rollback by {incident.Id} from {c.FromVersion}"), Surfaces.System, Surfaces.System, cancellationToken).ConfigureAwait(false);
        return new StepOutcome(true, $"Rolled back {c.Layer} of {incident.Service} from {c.FromVersion} to {c.ToVersion}.", c.FromVersion, c.ToVersion);
    }
}
