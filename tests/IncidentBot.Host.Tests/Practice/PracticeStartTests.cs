using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Practice;

/// <summary>Where /practice exists, and what it starts from.</summary>
public sealed class PracticeStartTests
{
    [Fact]
    public async Task Health_InDevelopmentByDefault_Is200()
    {
        await using var bot = await TestBot.StartAsync("Development");

        using var response = await bot.Http.GetAsync("/practice/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Production", "true")]
    [InlineData("Production", null)]
    [InlineData("Development", "false")]
    public async Task Practice_OutsideDevelopmentOrDisabled_Is404(string environment, string? enabled)
    {
        await using var bot = await TestBot.StartAsync(environment, new Dictionary<string, string?> { ["Practice:Enabled"] = enabled });

        using var health = await bot.Http.GetAsync("/practice/health");
        using var deploy = await Json.PostAsync(bot.Http, "/practice/deploy", new { layer = "prompt", version = "prompt-v42" });

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deploy.StatusCode);
    }

    [Fact]
    public async Task Health_WithTheDemoSeed_AgreesWithTheChangeLog()
    {
        await using var bot = await TestBot.StartAsync("Development", new Dictionary<string, string?> { ["Demo:SeedChanges"] = "true", ["Practice:Enabled"] = "true" });

        var health = await PracticeClient.HealthAsync(bot);
        using var changes = await bot.Http.GetAsync("/api/changes?service=support-assistant");

        var livePrompt = (await Json.ReadAsync(changes)).EnumerateArray().First(c => c.GetProperty("layer").GetString() == "prompt").GetProperty("version").GetString();
        Assert.Equal(livePrompt, health.GetProperty("prompt").GetString());
        Assert.Equal("prompt-v42", livePrompt);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
    }
}
