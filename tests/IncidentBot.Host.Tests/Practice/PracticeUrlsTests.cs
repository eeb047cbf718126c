using IncidentBot.Core.Execution;
using IncidentBot.Host.Practice;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Integrations.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>The runbooks' practice settings follow the address the bot listens on; explicit settings win.</summary>
public sealed class PracticeUrlsTests
{
    [Fact]
    public async Task Start_PracticeOnAndNoSettings_SettingsPointAtTheBotsOwnPort()
    {
        // Arrange + Act: TestBot listens on port 0, so only the started server knows the port.
        await using var bot = await TestBot.StartAsync("Development");

        // Assert: checks (ExecutionSettings) and http steps (ExecutorOptions) both see the derived URLs.
        var root = bot.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.NotEqual(5080, bot.Http.BaseAddress.Port);
        var expected = new Dictionary<string, string>
        {
            ["deploy_url"] = root + "/practice", ["control_url"] = root + "/practice",
            ["prometheus_url"] = root + "/practice/prometheus", ["health_url"] = root + "/practice/health",
        };
        var checks = bot.App.Services.GetRequiredService<ExecutionSettings>().Settings;
        var steps = bot.App.Services.GetRequiredService<IOptionsMonitor<ExecutorOptions>>().CurrentValue.Settings;
        foreach (var (name, url) in expected)
        {
            Assert.Equal(url, checks[name]);
            Assert.Equal(url, steps[name]);
        }
        using var health = await new HttpClient().GetAsync(new Uri(steps["health_url"]));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Start_PracticeOn_DrillSettingsPointAtThePracticeServiceToo()
    {
        // Arrange + Act: production settings point elsewhere; drills still default to the practice service.
        await using var bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Executors:Settings:deploy_url"] = "https://deploy.internal/api" });

        // Assert: both the checks' and the steps' view of the drill settings.
        var root = bot.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var checks = bot.App.Services.GetRequiredService<ExecutionSettings>().DrillSettings;
        var steps = bot.App.Services.GetRequiredService<IOptionsMonitor<ExecutorOptions>>().CurrentValue.DrillSettings;
        foreach (var (name, path) in PracticeUrls.Paths)
        {
            Assert.Equal(root + path, checks[name]);
            Assert.Equal(root + path, steps[name]);
        }
        Assert.Equal("https://deploy.internal/api", bot.App.Services.GetRequiredService<ExecutionSettings>().Settings["deploy_url"]);
    }

    [Fact]
    public async Task Start_DrillDeployUrlSetExplicitly_ExplicitDrillValueWins()
    {
        await using var bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Executors:DrillSettings:deploy_url"] = "https://staging-deploy.internal/api" });

        var drill = bot.App.Services.GetRequiredService<ExecutionSettings>().DrillSettings;
        Assert.Equal("https://staging-deploy.internal/api", drill["deploy_url"]);
        Assert.Equal(bot.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/practice/health", drill["health_url"]);
    }

    [Fact]
    public async Task Start_DeployUrlSetExplicitly_ExplicitValueWinsOthersDerived()
    {
        await using var bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Executors:Settings:deploy_url"] = "https://deploy.internal/api" });

        var settings = bot.App.Services.GetRequiredService<ExecutionSettings>().Settings;
        Assert.Equal("https://deploy.internal/api", settings["deploy_url"]);
        Assert.Equal(bot.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/practice", settings["control_url"]);
    }

    [Theory]
    [InlineData("Production", "true")]
    [InlineData("Development", "false")]
    public async Task Start_PracticeOff_DerivesNothing(string environment, string enabled)
    {
        await using var bot = await TestBot.StartAsync(environment, new Dictionary<string, string?> { ["Practice:Enabled"] = enabled });

        Assert.DoesNotContain("deploy_url", bot.App.Services.GetRequiredService<ExecutionSettings>().Settings.Keys);
        Assert.DoesNotContain("deploy_url", bot.App.Services.GetRequiredService<ExecutionSettings>().DrillSettings.Keys);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099", "http://127.0.0.1:5099")]
    [InlineData("https://127.0.0.1:5443|http://127.0.0.1:5099", "http://127.0.0.1:5099")]
    [InlineData("http://10.1.2.3:5099|http://localhost:5100", "http://localhost:5100")]
    [InlineData("http://0.0.0.0:5099", "http://127.0.0.1:5099")]
    [InlineData("http://[::]:5099", "http://[::1]:5099")]
    [InlineData("http://+:5099", "http://127.0.0.1:5099")]
    [InlineData("https://[::1]:5443", "https://[::1]:5443")]
    public void Choose_Addresses_PrefersLoopbackHttp(string addresses, string expected)
    {
        Assert.Equal(expected, PracticeUrls.Choose(addresses.Split('|')));
    }

    [Fact]
    public void Choose_NoHttpAddress_IsNull()
    {
        Assert.Null(PracticeUrls.Choose(["unix:/tmp/bot.sock"]));
    }
}
