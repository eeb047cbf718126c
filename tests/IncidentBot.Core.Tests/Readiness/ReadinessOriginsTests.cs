using IncidentBot.Core.Execution;
using IncidentBot.Core.Readiness;

namespace IncidentBot.Core.Tests.Readiness;

/// <summary>The origins the readiness probe calls: settings filled in, drills too, never a step's own path.</summary>
public sealed class ReadinessOriginsTests
{
    [Fact]
    public void For_SettingConfigured_IsTheOriginOnlyWithItsPort()
    {
        var runbook = new ReadinessScenario().Runbook();

        var use = Assert.Single(ReadinessOrigins.For(runbook, new ExecutionSettings { Settings = new() { ["deploy_url"] = "https://deploy.example.com/api/v2" } }));

        Assert.Equal("https://deploy.example.com:443", use.Origin);
        Assert.Equal("rollback-prompt step deploy", use.Where);
        Assert.Null(use.Problem);
    }

    [Fact]
    public void For_DrillSettings_AddsTheDrillOrigin()
    {
        var runbook = new ReadinessScenario().Runbook();
        var settings = new ExecutionSettings
        {
            Settings = new() { ["deploy_url"] = "http://deploy.internal:8080" },
            DrillSettings = new() { ["deploy_url"] = "http://127.0.0.1:5099/practice" },
        };

        var uses = ReadinessOrigins.For(runbook, settings);

        Assert.Equal(["http://deploy.internal:8080", "http://127.0.0.1:5099"], ReadinessOrigins.Origins(uses));
        Assert.Equal("rollback-prompt step deploy (drill)", uses[1].Where);
    }

    [Fact]
    public void For_SettingMissingOrNotAUrl_NamesTheProblem()
    {
        var runbook = new ReadinessScenario().Runbook();

        var missing = Assert.Single(ReadinessOrigins.For(runbook, new ExecutionSettings()));
        var notUrl = Assert.Single(ReadinessOrigins.For(runbook, new ExecutionSettings { Settings = new() { ["deploy_url"] = "deploy-host" } }));

        Assert.Equal("Executors:Settings:deploy_url is not configured", missing.Problem);
        Assert.Equal("is not an http(s) URL once its settings are filled in", notUrl.Problem);
        Assert.Null(notUrl.Origin);
    }
}
