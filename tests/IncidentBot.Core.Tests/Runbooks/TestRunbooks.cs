using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>Runbooks built directly as records, for tests that are not about the YAML format.</summary>
internal static class TestRunbooks
{
    public static Runbook Create(
        string id, IReadOnlyList<string>? services = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var step = new ExecutionStep("move-back", "baseline", "Move back", true, 30, null, null);
        var option = new ContainmentOption("rollback-prompt", "Roll back the prompt", ContainmentKind.Rollback,
            "prompt", "", new ApprovalPolicy(1, ["approvers"], new Dictionary<Incidents.Severity, int>(),
                BreakGlassPolicy.Never), [step], [], "Agents answer from macros.");
        return new Runbook(id, "Runbook " + id, "1",
            new RunbookAppliesTo(services ?? [], labels ?? new Dictionary<string, string>()),
            ["What changed?"], [option], new ReviewTemplate(["What changed?"]), new string('0', 64), id + ".yaml", "");
    }

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
