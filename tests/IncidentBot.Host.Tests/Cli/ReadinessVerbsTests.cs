using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary><c>incidentbot readiness</c> on a real SQLite file, probing a loopback stand-in of the deploy API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReadinessVerbsTests : IAsyncLifetime
{
    private readonly ReadinessFolder folder = new();
    private LoopbackTarget deploy = null!;

    public async Task InitializeAsync()
    {
        deploy = await LoopbackTarget.StartAsync((context, _) => LoopbackTarget.ReplyAsync(context, 404));
        await folder.RecordBaselineAsync();
    }

    public async Task DisposeAsync()
    {
        await deploy.DisposeAsync();
        folder.Dispose();
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args) =>
        ConsoleCapture.RunAsync([.. args, .. settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")]);

    [Fact]
    public async Task Readiness_NoPointFails_ExitsZeroAndProbesOnlyTheOriginRoot()
    {
        var before = await File.ReadAllBytesAsync(folder.DatabasePath);

        var (code, output, error) = await RunAsync(folder.Settings(deploy.BaseUrl), "readiness", "--service", "checkout", "--format", "json");

        Assert.True(code == 0, output + error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("warn", root.GetProperty("verdict").GetString());
        var points = Assert.Single(root.GetProperty("services").EnumerateArray()).GetProperty("points");
        Assert.Equal("pass", points[0].GetProperty("verdict").GetString());
        Assert.Contains(points[6].GetProperty("facts").EnumerateArray().Select(f => f.GetString()),
            f => f == $"{deploy.BaseUrl} answers (HTTP 404); used by checkout-rollback/rollback-prompt step deploy");
        Assert.Equal(["/"], deploy.Requests.Select(r => r.Path).Distinct());
        Assert.Equal(before, await File.ReadAllBytesAsync(folder.DatabasePath));
    }

    [Fact]
    public async Task Readiness_DevelopmentWithPractice_ProbesThePracticeServiceAtTheBotsAddress()
    {
        // The server derives deploy_url from the address it listens on; the report, run beside it, takes that address
        // from urls (here the stand-in plays the bot) instead of reporting the setting as missing.
        var settings = folder.Settings(deploy.BaseUrl);
        settings.Remove("Executors:Settings:deploy_url");
        settings["environment"] = "Development";
        settings["Practice:Enabled"] = "true";
        settings["urls"] = deploy.BaseUrl;

        var (code, output, error) = await RunAsync(settings, "readiness", "--service", "checkout", "--format", "json");

        Assert.True(code == 0, output + error);
        var points = JsonDocument.Parse(output).RootElement.GetProperty("services")[0].GetProperty("points");
        Assert.Contains(points[6].GetProperty("facts").EnumerateArray().Select(f => f.GetString()),
            f => f!.StartsWith($"{deploy.BaseUrl} answers (HTTP 404)", StringComparison.Ordinal));
        Assert.Equal(["/"], deploy.Requests.Select(r => r.Path).Distinct());
    }

    [Fact]
    public async Task Readiness_NoEscalationGroup_ExitsOneNamingIt()
    {
        var settings = folder.Settings(deploy.BaseUrl);
        settings.Remove("Engine:EscalationGroups:0");

        var (code, output, _) = await RunAsync(settings, "readiness");

        Assert.Equal(1, code);
        Assert.Contains("  7. Production realism: FAIL\n", output, StringComparison.Ordinal);
        Assert.Contains("FAIL: Engine:EscalationGroups is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_EndpointDown_ExitsOne()
    {
        var down = deploy.BaseUrl;
        await deploy.DisposeAsync();
        deploy = await LoopbackTarget.StartAsync((context, _) => LoopbackTarget.ReplyAsync(context, 200));

        var (code, output, _) = await RunAsync(folder.Settings(down), "readiness", "--format", "md");

        Assert.Equal(1, code);
        // Markdown escapes the scheme's colon, so the URL cannot become a link.
        Assert.Contains($"{down.Replace("://", "\\://", StringComparison.Ordinal)} does not answer", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_EndpointThatNeverAnswers_FailsAfterTheProbeTimeout()
    {
        await using var silent = await LoopbackTarget.StartAsync((context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var settings = folder.Settings(silent.BaseUrl);
        settings["Readiness:ProbeTimeout"] = "00:00:00.300";

        var (code, output, _) = await RunAsync(settings, "readiness", "--service", "checkout");

        Assert.Equal(1, code);
        Assert.Contains($"FAIL: {silent.BaseUrl} does not answer: no answer within 0.3 s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ZeroProbeTimeout_ExitsTwo()
    {
        var settings = folder.Settings(deploy.BaseUrl);
        settings["Readiness:ProbeTimeout"] = "00:00:00";

        var (code, _, error) = await RunAsync(settings, "readiness");

        Assert.Equal(2, code);
        Assert.Contains("Readiness:ProbeTimeout must be positive", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_UnknownService_ExitsTwo()
    {
        var (code, _, error) = await RunAsync(folder.Settings(deploy.BaseUrl), "readiness", "--service", "nope");

        Assert.Equal(2, code);
        Assert.Contains("No runbook or change record names the service 'nope'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_NoDatabase_ExitsTwoAndCreatesNothing()
    {
        var settings = folder.Settings(deploy.BaseUrl);
        settings["Storage:DatabasePath"] = folder.DatabasePath + ".missing";

        var (code, _, error) = await RunAsync(settings, "readiness");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.DatabasePath + ".missing"));
    }

    [Fact]
    public async Task UnknownVerb_CloseToReadiness_SuggestsIt()
    {
        var (code, _, error) = await ConsoleCapture.RunAsync("readyness");

        Assert.Equal(2, code);
        Assert.Contains("Did you mean readiness?", error, StringComparison.Ordinal);
    }
}
