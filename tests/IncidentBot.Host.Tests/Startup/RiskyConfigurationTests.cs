using IncidentBot.TestSupport;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Startup;

/// <summary>Settings the bot starts with but that are probably a mistake: one warning line each, and none when all is well.</summary>
public sealed class RiskyConfigurationTests
{
    [Fact]
    public async Task Serve_RiskyProductionSettings_StartsWithOneWarningEach()
    {
        // Arrange: Production without API keys; Slack on with nobody mapped to it; a runbook using a setting nobody set.
        using var runbooks = new RunbookCopy();
        runbooks.Replace("ai-assistant-drift.yaml", "{{settings.deploy_url}}", "{{settings.deploy_api}}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Runbooks__Directory"] = runbooks.Path,
            ["Slack__SigningSecret"] = "test-signing-secret",
            ["Slack__BotToken"] = "xoxb-test",
            ["Slack__ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            // Outside Development nothing derives the runbook's other settings: production sets them.
            ["Executors__Settings__control_url"] = "http://127.0.0.1:9/controls",
            ["Executors__Settings__prometheus_url"] = "http://127.0.0.1:9/prometheus",
            ["Executors__Settings__health_url"] = "http://127.0.0.1:9/health",
        };

        // Act
        await using var bot = await BotProcess.StartNewAsync(environment);
        await bot.StopAsync();

        // Assert
        var output = bot.Output;
        Assert.Single(Warnings(output, "IncidentBot[1101]"));
        Assert.Contains("No API keys are configured in Production", output, StringComparison.Ordinal);
        Assert.Single(Warnings(output, "IncidentBot[1103]"));
        Assert.Contains("slack is enabled but no person is mapped to it (Governance:People:N:Identities:slack)", output, StringComparison.Ordinal);
        Assert.Single(Warnings(output, "IncidentBot[1104]"));
        Assert.Contains("uses {{settings.deploy_api}} but Executors:Settings:deploy_api is not configured (set Executors__Settings__deploy_api)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DevelopmentWithEverythingSet_StartsWithoutRiskWarnings()
    {
        await using var bot = await BotProcess.StartNewAsync();
        await bot.StopAsync();

        foreach (var id in new[] { "1100", "1101", "1102", "1103", "1104" })
            Assert.Empty(Warnings(bot.Output, $"IncidentBot[{id}]"));
    }

    private static IEnumerable<string> Warnings(string output, string eventTag) =>
        output.Split('\n').Where(l => l.StartsWith("warn: ", StringComparison.Ordinal) && l.Contains(eventTag, StringComparison.Ordinal));

    /// <summary>A copy of the shipped runbooks the test may edit; deleted on dispose.</summary>
    private sealed class RunbookCopy : IDisposable
    {
        public string Path { get; } = RepoPaths.CopyRunbooks();

        public void Replace(string file, string from, string to)
        {
            var path = System.IO.Path.Combine(Path, file);
            File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
