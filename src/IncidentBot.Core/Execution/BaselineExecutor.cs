using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Execution;

/// <summary>
/// The built-in <c>baseline</c> step: moves the option's layer (and the layers coupled to it with <c>moves_with</c>)
/// back to the versions approved at choice time by recording them as the live versions in the change log. Idempotent: if the layer is already there, it succeeds
/// without recording again; if the layer moved to something else since the choice, it refuses to guess. In a drill it
/// records nothing (the change log describes production) and says what a real rollback would have recorded.
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

        // Coupled layers (moves_with) move together: every one is checked before any is recorded, so a refusal
        // leaves none of them half moved.
        var pending = new List<(LayerMove Move, ChangeRecord Live)>();
        var recordedByDeploy = true;
        foreach (var move in c.Moves)
        {
            var live = await changes.CurrentAsync(incident.Service, move.Layer, cancellationToken).ConfigureAwait(false);
            if (live?.Version == move.ToVersion)
            {
                // A deploy system that records its own deploys (as the practice service does) may have recorded this
                // incident's rollback already, from the step before: then the rollback happened, and the summary says so.
                recordedByDeploy &= live.DeployedBy == ChangeLog.RollbackDeployer(incident.Id);
                continue;
            }
            if (live?.Version != move.FromVersion)
                return new StepOutcome(false, $"{move.Layer} of {incident.Service} is at {live?.Version ?? "no recorded version"}, not {move.FromVersion} as when the rollback was approved. Choose again.");
            pending.Add((move, live));
        }
        var also = c.Coupled.Count == 0 ? "" : $" (with {string.Join(", ", c.Coupled)})";
        // A drill practises against the drill settings (a staging or practice deploy system); the change log is the
        // record of what is live in production, so a drill reads it for its target but never writes a rollback into it.
        if (incident.IsDrill && pending.Count > 0)
            return new StepOutcome(true, $"Drill: the change log is left as it is; a real rollback would record {c.Layer} of {incident.Service} back at {c.ToVersion} from {c.FromVersion}{also}.",
                c.FromVersion, c.ToVersion);
        foreach (var (move, live) in pending)
        {
            // Never stamped before the live record (a deploy system's clock may run ahead of ours): the rollback must
            // become the latest deployment, or the layer would still read as FromVersion and a re-run would record again.
            var at = live.DeployedUtc > time.GetUtcNow() ? live.DeployedUtc : time.GetUtcNow();
            await changes.RecordAsync(new ChangeRecord(incident.Service, move.Layer, move.ToVersion, ChangeLog.RollbackDeployer(incident.Id),
                at, Approved: true, $"rollback by {incident.Id} from {move.FromVersion}"), Surfaces.System, Surfaces.System, cancellationToken).ConfigureAwait(false);
        }
        return pending.Count == 0
            ? new StepOutcome(true, recordedByDeploy
                ? $"Rolled back {c.Layer} of {incident.Service} from {c.FromVersion} to {c.ToVersion}{also} (the change log already records it)."
                : $"{c.Layer} of {incident.Service} is already at {c.ToVersion}{also}.", c.FromVersion, c.ToVersion)
            : new StepOutcome(true, $"Rolled back {c.Layer} of {incident.Service} from {c.FromVersion} to {c.ToVersion}{also}.", c.FromVersion, c.ToVersion);
    }
}
