using IncidentBot.Core.Changes;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 1: every layer with versions has an approved version to go back to (the rule of
    /// <see cref="ChangeLog.ResolveRollbackAsync"/>), and every layer a runbook rolls back has versions at all.</summary>
    private static ReadinessPoint Baseline(ReadinessInputs inputs, string service, IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(1, ReadinessPoints.ApprovedBaseline);
        var byLayer = inputs.Changes.Where(c => string.Equals(c.Service, service, StringComparison.OrdinalIgnoreCase))
            .GroupBy(c => c.Layer, StringComparer.Ordinal).OrderBy(g => Layers.All.ToList().IndexOf(g.Key)).ToList();
        foreach (var layer in byLayer)
        {
            var live = layer.OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).First();
            var target = ChangeLog.RollbackTargetOf(layer);
            point.Fact($"{layer.Key}: live {live.Version} ({Describe(live)})");
            if (target is null && live.Approved && NextChangeTarget(layer.ToList(), live) is { } next)
            {
                // The approved baseline itself is live (never deployed, or put back by a rollback): nothing to roll back
                // from now, and a rollback of the next change returns here (asked of the same rule with that change added).
                point.Fact($"{layer.Key}: the live version {live.Version} is the approved baseline; a rollback of the next change would return to {next}");
                continue;
            }
            if (target is null)
            {
                point.Fail($"{layer.Key}: no approved version to go back to from {live.Version}",
                    $"Record an approved {layer.Key} version of {service} (POST /api/changes with \"approved\": true) that a rollback can return to.");
                continue;
            }
            var record = layer.Where(c => c.Version == target.ToVersion).OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).First();
            point.Fact($"{layer.Key}: rollback target {target.ToVersion} ({Describe(record)})");
            if (!live.Approved)
                point.Warn($"{layer.Key}: the live version {live.Version} is not approved (a rollback would go to {target.ToVersion})",
                    $"Approve the live {layer.Key} version of {service} or roll it back to {target.ToVersion}.");
            if (string.IsNullOrWhiteSpace(record.Note))
                point.Warn($"{layer.Key}: the approved version {target.ToVersion} does not say who approved it (its note is empty)",
                    "Record who approved each version (and the ticket) in the change note, so the baseline can be reviewed.");
        }

        var recorded = byLayer.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var runbook in runbooks)
        {
            foreach (var option in runbook.Options.Where(o => o.Kind == ContainmentKind.Rollback))
            {
                foreach (var layer in new[] { option.Layer }.Concat(option.MovesWith).Where(l => !recorded.Contains(l)))
                    point.Fail($"{runbook.Id}/{option.Id} rolls back {layer}, but the change log has no {layer} version of {service}",
                        $"Record the {layer} versions of {service} as they are deployed (POST /api/changes), the approved ones with \"approved\": true.");
            }
        }
        if (byLayer.Count == 0 && point.Build().Verdict == ReadinessVerdict.Pass)
            point.Warn($"the change log has no versions of {service}: there is no baseline to review",
                $"Record the versions of {service}'s layers as they are deployed (POST /api/changes).");
        return point.Build();
    }

    /// <summary>Where a rollback would go if an unapproved version were deployed over <paramref name="live"/> now.</summary>
    private static string? NextChangeTarget(IReadOnlyList<ChangeRecord> history, ChangeRecord live)
    {
        var next = live with
        {
            Version = "\u0000next", DeployedBy = "readiness", DeployedUtc = live.DeployedUtc.AddTicks(1), Approved = false, Note = "",
            Seq = history.Max(c => c.Seq) + 1,
        };
        return ChangeLog.RollbackTargetOf([.. history, next])?.ToVersion;
    }

    private static string Describe(ChangeRecord c) =>
        $"{(c.Approved ? "approved" : "not approved")}, deployed by {c.DeployedBy} at {Time(c.DeployedUtc)}" +
        (string.IsNullOrWhiteSpace(c.Note) ? "" : $"; note: {c.Note}");
}
