using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 3: each runbook offers a path people can choose and track while a rollback runs: a manual option
    /// or a pause of one workflow path. Fallback text is listed too, but alone it is instructions, not a path (the
    /// loader requires it on every option, so it can never be what is missing); blank fallback text is a warning.</summary>
    private static ReadinessPoint Fallback(IReadOnlyList<Runbook> runbooks)
    {
        var point = new PointBuilder(3, ReadinessPoints.FallbackWorkflow);
        if (runbooks.Count == 0)
            point.Fail("no runbook applies (none names the service and there is no default runbook)",
                "Write a runbook whose applies_to.services names the service, or set Engine:DefaultRunbook.");
        foreach (var runbook in runbooks)
        {
            var paths = runbook.Options.Where(o => o.Kind is ContainmentKind.Manual or ContainmentKind.Pause)
                .Select(o => $"{o.Id} ({o.Kind.ToString().ToLowerInvariant()})").ToList();
            var rollbacks = runbook.Options.Where(o => o.Kind == ContainmentKind.Rollback).ToList();
            if (paths.Count > 0) point.Fact($"{runbook.Id}: fallback path {string.Join(", ", paths)}");
            foreach (var o in rollbacks.Where(o => !string.IsNullOrWhiteSpace(o.Fallback)))
                point.Fact($"{runbook.Id}/{o.Id}: meanwhile: {o.Fallback}");
            if (paths.Count == 0)
                point.Fail($"{runbook.Id}: no manual or pause option to fall back on while a rollback runs",
                    $"Add a kind: manual option to {runbook.Id} (how people do the work by hand), or a kind: pause option that takes one path out of service.");
            var bare = rollbacks.Where(o => string.IsNullOrWhiteSpace(o.Fallback)).Select(o => o.Id).ToList();
            if (bare.Count > 0)
                point.Warn($"{runbook.Id}: {string.Join(", ", bare)} {(bare.Count == 1 ? "has" : "have")} no fallback text",
                    $"Add a fallback: to {string.Join(", ", bare)} in {runbook.Id} saying how people keep the business running meanwhile.");
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
