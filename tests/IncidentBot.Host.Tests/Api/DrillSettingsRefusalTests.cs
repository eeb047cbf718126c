using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>A drill never falls back to production's settings: without drill settings for its runbook it is refused
/// before anything is recorded, naming what to set; with them it starts.</summary>
public sealed class DrillSettingsRefusalTests
{
    private static readonly Dictionary<string, string?> ProductionOnly = new()
    {
        ["Practice:Enabled"] = "false",
        ["Executors:Settings:deploy_url"] = "https://deploy.prod.internal",
        ["Executors:Settings:control_url"] = "https://control.prod.internal",
        ["Executors:Settings:prometheus_url"] = "https://prometheus.prod.internal",
        ["Executors:Settings:health_url"] = "https://assistant.prod.internal/health",
    };

    [Fact]
    public async Task Drill_NoDrillSettings_RefusedNamingThemAndNothingRecorded()
    {
        await using var bot = await TestBot.StartAsync("Development", ProductionOnly);

        var reply = await bot.SayAsync("alice", "/incident drill ai-assistant-drift");

        Assert.NotEqual("applied", reply.Outcome());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.GetProperty("incidentId").ValueKind);
        var text = reply.GetProperty("replies")[0].GetProperty("card").GetProperty("text").GetString()!;
        Assert.Contains("Executors:DrillSettings:deploy_url", text, StringComparison.Ordinal);
        Assert.Contains("Executors:DrillSettings:health_url", text, StringComparison.Ordinal);
        Assert.Equal("[]", (await bot.Http.GetStringAsync("/api/incidents")).Trim());
    }

    [Fact]
    public async Task Drill_DrillSettingsGiven_Starts()
    {
        var settings = new Dictionary<string, string?>(ProductionOnly);
        foreach (var name in new[] { "deploy_url", "control_url", "prometheus_url", "health_url" })
            settings["Executors:DrillSettings:" + name] = "http://127.0.0.1:9/staging";
        await using var bot = await TestBot.StartAsync("Development", settings);

        var reply = await bot.SayAsync("alice", "/incident drill ai-assistant-drift");

        Assert.Equal("applied", reply.Outcome());
    }
}
