using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary><c>runbook lint</c> and <c>runbook graph</c>, run in-process.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunbookVerbsTests : IDisposable
{
    private readonly string copy = RepoPaths.CopyRunbooks();

    [Fact]
    public async Task Lint_ShippedRunbooks_ExitsZero()
    {
        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", RepoPaths.Runbooks);

        Assert.Equal(0, code);
        Assert.Contains("ok: 3 runbook(s) valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_OneShippedFile_ExitsZero()
    {
        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", Path.Combine(RepoPaths.Runbooks, "service-release.yaml"));

        Assert.Equal(0, code);
        Assert.Contains("ok: 1 runbook(s) valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_BrokenFile_ExitsOnePrintingFileLineColumn()
    {
        var file = Path.Combine(copy, "ai-assistant-drift.yaml");
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Trim() == "layer: prompt");
        lines[index] = lines[index].Replace("prompt", "promt", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", file);

        Assert.Equal(1, code);
        var column = lines[index].IndexOf("promt", StringComparison.Ordinal) + 1;
        Assert.Contains($"{file}:{index + 1}:{column}: ", output, StringComparison.Ordinal);
        Assert.Contains("1 problem(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_ControlStepSendsEnabledTrueLiterally_ExitsOneAtTheBody()
    {
        // Arrange: force-human-review as it shipped before: lifting it would send "enabled": true again.
        var file = Path.Combine(copy, "ai-assistant-drift.yaml");
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Contains("\"enabled\": {{control.enabled}}", StringComparison.Ordinal));
        Assert.True(index >= 0, "the shipped force-human-review step should send {{control.enabled}}");
        lines[index] = lines[index].Replace("{{control.enabled}}", "true", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        // Act
        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", file);

        // Assert
        Assert.Equal(1, code);
        var column = lines[index].IndexOf("body:", StringComparison.Ordinal) + "body: ".Length + 1;
        Assert.Contains($"{file}:{index + 1}:{column}: http step 'enable-review' of a control option must use {{{{control.enabled}}}}", output, StringComparison.Ordinal);
        Assert.Contains("1 problem(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", 0)]
    [InlineData("Production", 4)]
    public async Task Lint_ShippedRunbooks_PracticeSettingsCountAsSetOnlyInDevelopment(string environment, int warnings)
    {
        // Development derives deploy_url, control_url, prometheus_url and health_url from the bot's own address.
        var (code, output, _) = await BotRun.RunAsync(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = environment }, "runbook", "lint", RepoPaths.Runbooks);

        Assert.Equal(0, code);
        Assert.Equal(warnings, output.Split('\n').Count(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("Executors:Settings:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Lint_BrokenFolder_ExitsOne()
    {
        File.AppendAllText(Path.Combine(copy, "service-release.yaml"), "\nunexpected_key: true\n");

        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", copy);

        Assert.Equal(1, code);
        Assert.Matches(@"service-release\.yaml:\d+:\d+: .*unexpected_key", output);
    }

    [Fact]
    public async Task Lint_MissingPath_ExitsTwo()
    {
        var (code, _, error) = await ConsoleCapture.RunAsync("runbook", "lint", Path.Combine(copy, "nope.yaml"));

        Assert.Equal(2, code);
        Assert.Contains("No such file or folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_ShippedRunbook_PrintsMermaidFlowchart()
    {
        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "graph", "ai-assistant-drift", "--dir", RepoPaths.Runbooks);

        Assert.Equal(0, code);
        Assert.StartsWith("flowchart TD", output, StringComparison.Ordinal);
        Assert.Contains("rollback-prompt", output, StringComparison.Ordinal);
        Assert.Contains("force-human-review", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_UnknownRunbook_ExitsTwoListingTheKnownOnes()
    {
        var (code, _, error) = await ConsoleCapture.RunAsync("runbook", "graph", "nope", "--dir", RepoPaths.Runbooks);

        Assert.Equal(2, code);
        Assert.Contains("ai-assistant-drift, general, service-release", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_UnconfiguredSetting_WarnsNamingTheSettingAndExitsZero()
    {
        var file = Path.Combine(copy, "ai-assistant-drift.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("{{settings.deploy_url}}", "{{settings.lint_probe_url}}", StringComparison.Ordinal));

        var (code, output, _) = await ConsoleCapture.RunAsync("runbook", "lint", copy);

        Assert.Equal(0, code);
        Assert.Contains($"warning: {file}: runbook ai-assistant-drift uses {{{{settings.lint_probe_url}}}} but Executors:Settings:lint_probe_url is not configured",
            output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(copy, recursive: true);
}
