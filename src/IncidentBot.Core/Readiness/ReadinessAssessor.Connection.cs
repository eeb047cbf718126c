using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 5: where firing alerts for the service land, by a dry run of the intake's choice
    /// (<see cref="RunbookCatalog.Match"/>, then <c>Engine:DefaultRunbook</c>) on synthetic alerts; nothing is recorded.</summary>
    private static ReadinessPoint Connection(ReadinessInputs inputs, string service)
    {
        var point = new PointBuilder(5, ReadinessPoints.IncidentConnection);
        var catalog = new RunbookCatalog(inputs.Runbooks);
        var fallback = DefaultRunbook(inputs);
        foreach (var runbook in inputs.Runbooks.Where(r => r.AppliesTo.SignalLabels.Count > 0))
            point.Fact($"route: {Labels(runbook.AppliesTo.SignalLabels)} -> {runbook.Id}");
        point.Fact(fallback is null ? "default runbook: none (an alert matching no runbook is only recorded)" : $"default runbook: {fallback.Id}");

        foreach (var runbook in inputs.Runbooks.Where(r => ListsService(r, service) && r.AppliesTo.SignalLabels.Count > 0))
        {
            var labels = new Dictionary<string, string>(runbook.AppliesTo.SignalLabels, StringComparer.Ordinal) { ["service"] = service };
            var landed = catalog.Match(service, labels) ?? fallback;
            if (landed is not null && landed.Id == runbook.Id)
                point.Fact($"dry run: a firing alert {Labels(labels)} lands on {runbook.Id}");
            else
                point.Fail($"dry run: a firing alert {Labels(labels)} lands on {landed?.Id ?? "no runbook"}, not {runbook.Id} (its labels are shadowed)",
                    $"Give {runbook.Id} signal_labels no other runbook matches more closely, or merge the runbooks.");
        }

        var bare = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service };
        var matched = catalog.Match(service, bare);
        if (matched is not null)
            point.Fact($"dry run: a firing alert {Labels(bare)} lands on {matched.Id}");
        else if (fallback is not null)
            point.Warn($"dry run: a firing alert {Labels(bare)} matches no runbook and lands only on the default runbook {fallback.Id}",
                $"Write a runbook for {service} (applies_to.services: [{service}]) so its alerts land on specific steps.");
        else
            point.Fail($"dry run: a firing alert {Labels(bare)} lands on no runbook: it would only be recorded",
                $"Name {service} in a runbook's applies_to.services, give it matching signal_labels, or set Engine:DefaultRunbook.");
        return point.Build();
    }

    private static string Labels(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}")) + "}";
}
