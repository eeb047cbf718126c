using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 3: each runbook has a manual option, or fallback text on every rollback option.</summary>
    private static ReadinessPoint Fallback(IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(3, ReadinessPoints.FallbackWorkflow);
        if (runbooks.Count == 0)
            point.Fail("no runbook applies (none names the service and there is no default runbook)",
                "Write a runbook whose applies_to.services names the service, or set Engine:DefaultRunbook.");
        foreach (var runbook in runbooks)
        {
            var manual = runbook.Options.Where(o => o.Kind == ContainmentKind.Manual).Select(o => o.Id).ToList();
            var rollbacks = runbook.Options.Where(o => o.Kind == ContainmentKind.Rollback).ToList();
            var bare = rollbacks.Where(o => string.IsNullOrWhiteSpace(o.Fallback)).Select(o => o.Id).ToList();
            if (manual.Count > 0) point.Fact($"{runbook.Id}: manual option {string.Join(", ", manual)}");
            foreach (var o in rollbacks.Where(o => !string.IsNullOrWhiteSpace(o.Fallback)))
                point.Fact($"{runbook.Id}/{o.Id}: fallback while it runs: {o.Fallback}");
            if (manual.Count == 0 && rollbacks.Count == 0)
                point.Fact($"{runbook.Id}: no rollback option, so nothing to fall back from");
            else if (manual.Count == 0 && bare.Count > 0)
                point.Fail($"{runbook.Id}: no manual option, and {string.Join(", ", bare)} {(bare.Count == 1 ? "has" : "have")} no fallback text",
                    $"Add a kind: manual option to {runbook.Id}, or a fallback: to {string.Join(", ", bare)} saying how people keep the business running meanwhile.");
            else if (bare.Count > 0)
                point.Warn($"{runbook.Id}: {string.Join(", ", bare)} {(bare.Count == 1 ? "has" : "have")} no fallback text (people rely on {string.Join(", ", manual)})",
                    $"Add a fallback: to {string.Join(", ", bare)} in {runbook.Id}.");
        }
        return point.Build();
    }

    /// <summary>Point 4: at least one control or pause option between fully live and fully off.</summary>
    private static ReadinessPoint Controls(IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(4, ReadinessPoints.RuntimeControls);
        var narrower = runbooks.SelectMany(r => r.Options.Where(o => o.Kind is ContainmentKind.Control or ContainmentKind.Pause)
            .Select(o => $"{r.Id}/{o.Id} ({o.Kind.ToString().ToLowerInvariant()} {o.Layer}: {o.Title})")).ToList();
        foreach (var line in narrower) point.Fact(line);
        if (narrower.Count == 0)
            point.Fail($"{Of(runbooks)} offers no control or pause option: containment is all or nothing",
                "Add a kind: control (force human review, block an output, tighten a threshold) or kind: pause option.");
        return point.Build();
    }
}
