using IncidentBot.Host.Composition;
using IncidentBot.Host.Startup;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Host.Tests.Composition;

/// <summary>The bot refuses to start on broken runbooks and says where they are broken.</summary>
public sealed class BotAppTests : IDisposable
{
    private readonly string runbooks = RepoPaths.CopyRunbooks();

    [Fact]
    public void Build_BrokenRunbook_ReturnsProblemsWithFileLineAndColumn()
    {
        var file = Path.Combine(runbooks, "service-release.yaml");
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Trim() == "layer: release");
        lines[index] = lines[index].Replace("release", "relaese", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var (app, problems) = Build();

        Assert.Null(app);
        var problem = Assert.Single(problems);
        Assert.StartsWith($"{file}:{index + 1}:", problem, StringComparison.Ordinal);
        Assert.Matches(@":\d+:\d+: .*relaese", problem);
    }

    [Fact]
    public void Build_EmptyRunbookFolder_ReturnsAProblem()
    {
        foreach (var f in Directory.GetFiles(runbooks)) File.Delete(f);

        var (app, problems) = Build();

        Assert.Null(app);
        Assert.Equal($"{runbooks}: no runbooks found (*.yaml, *.yml)", Assert.Single(problems));
    }

    [Fact]
    public async Task Build_ShippedRunbooks_ReturnsAnAppAndNoProblems()
    {
        var (app, problems) = Build();

        Assert.Empty(problems);
        Assert.NotNull(app);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_PersonWithTheBotsId_FailsValidationBeforeTheStore()
    {
        var (app, _) = Build(new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(runbooks, "evidence.db"),
            ["Governance:People:0:Id"] = "system",
            ["Governance:People:0:Groups:0"] = "approvers",
        });
        await using var _app = app!;

        var error = await Assert.ThrowsAsync<StartupFailedException>(() => BotApp.StartAsync(app!));

        Assert.Equal(ExitCodes.Invalid, error.ExitCode);
        Assert.Contains(error.Problems, p => p.Contains("'system' is reserved", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(runbooks, "evidence.db")), "the store was opened before the configuration was checked");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(runbooks, recursive: true);
    }

    private (Microsoft.AspNetCore.Builder.WebApplication? App, IReadOnlyList<string> Problems) Build(Dictionary<string, string?>? settings = null) =>
        BotApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? []) { ["Runbooks:Directory"] = runbooks });
        });
}
