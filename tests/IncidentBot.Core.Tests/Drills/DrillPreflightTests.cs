using IncidentBot.Core.Drills;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Runbooks;

namespace IncidentBot.Core.Tests.Drills;

/// <summary>A drill starts only when the drill settings give every setting its runbook uses.</summary>
public sealed class DrillPreflightTests
{
    private static readonly Runbook Drift =
        RunbookCatalog.LoadDirectory(TestPaths.ShippedRunbooks).Catalog.Find("ai-assistant-drift")!;

    [Fact]
    public void Refusal_NoDrillSettings_NamesEverySettingTheRunbookUses()
    {
        // Production settings are all there, but a drill never falls back to them.
        var settings = new ExecutionSettings();
        foreach (var name in new[] { "deploy_url", "control_url", "prometheus_url", "health_url" }) settings.Settings[name] = "https://prod.internal";

        var refusal = new DrillPreflight(settings).Refusal(Drift);

        Assert.NotNull(refusal);
        Assert.StartsWith("A drill of ai-assistant-drift needs Executors:DrillSettings:deploy_url, ", refusal, StringComparison.Ordinal);
        foreach (var name in new[] { "control_url", "prometheus_url", "health_url" })
            Assert.Contains("Executors:DrillSettings:" + name, refusal, StringComparison.Ordinal);
        Assert.Contains("never uses production's Executors:Settings", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_OneDrillSettingEmpty_NamesOnlyThatOne()
    {
        var settings = new ExecutionSettings();
        foreach (var name in new[] { "deploy_url", "control_url", "prometheus_url" }) settings.DrillSettings[name] = "http://127.0.0.1:5080/practice";
        settings.DrillSettings["health_url"] = " ";

        Assert.Equal(["health_url"], new DrillPreflight(settings).MissingSettings(Drift));
    }

    [Fact]
    public void Refusal_EverySettingGiven_IsNull()
    {
        var settings = new ExecutionSettings();
        foreach (var name in new[] { "deploy_url", "control_url", "prometheus_url", "health_url" }) settings.DrillSettings[name] = "http://staging.internal";

        Assert.Null(new DrillPreflight(settings).Refusal(Drift));
    }
}
