using IncidentBot.Core.Execution;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Drills;

/// <summary>
/// What a drill needs before it starts: every <c>{{settings.NAME}}</c> its runbook uses must be set in
/// <c>Executors:DrillSettings</c>, because a drill never falls back to production's <c>Executors:Settings</c>. A drill
/// that would lack one is refused before anything is recorded, naming what to set, rather than failing at its first step.
/// </summary>
public sealed class DrillPreflight(ExecutionSettings settings)
{
    /// <summary>The settings <paramref name="runbook"/> uses that the drill settings lack, in the runbook's order.</summary>
    public IReadOnlyList<string> MissingSettings(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        const string prefix = "settings.";
        return [.. TemplateReferences.Of(runbook)
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal))
            .Select(r => r[prefix.Length..])
            .Where(name => !settings.DrillSettings.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))];
    }

    /// <summary>Why a drill of <paramref name="runbook"/> cannot start, or null when it can.</summary>
    public string? Refusal(Runbook runbook)
    {
        var missing = MissingSettings(runbook);
        if (missing.Count == 0) return null;
        var names = string.Join(", ", missing.Select(n => "Executors:DrillSettings:" + n));
        return $"A drill of {runbook.Id} needs {names} (a staging or practice system): a drill never uses production's Executors:Settings. Nothing was recorded.";
    }
}
