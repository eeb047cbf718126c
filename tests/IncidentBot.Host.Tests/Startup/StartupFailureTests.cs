using IncidentBot.TestSupport;
using System.Net;
using System.Net.Sockets;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Startup;

/// <summary>
/// The real executable with a broken configuration: one line per problem on standard error naming the setting or
/// path, the documented exit code, no stack trace, and (for configuration) no database file created.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("incidentbot-startup-").FullName;

    [Fact]
    public async Task Serve_HalfSlackConfiguration_ExitsTwoNamingBothSettingsBeforeTouchingTheDatabase()
    {
        var database = Path.Combine(folder, "data", "bot.db");

        var (code, output, error) = await RunAsync(("Slack__SigningSecret", "only-the-secret"), ("Storage__DatabasePath", database));

        Assert.Equal(2, code);
        var lines = BotRun.Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Equal("IncidentBot will not start: the configuration is invalid.", lines[0]);
        Assert.Contains("Slack:SigningSecret and Slack:BotToken", lines[1], StringComparison.Ordinal);
        BotRun.AssertNoStackTrace(output + error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)), "the database folder was created before the configuration was checked");
    }

    [Fact]
    public async Task Serve_HalfTeamsConfiguration_ExitsTwoNamingTeamsSettings()
    {
        var (code, output, error) = await RunAsync(("Teams__AppId", Guid.NewGuid().ToString()), ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        Assert.Contains(BotRun.Lines(error), l => l.Contains("Teams:AppId and Teams:AppPassword", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
        Assert.False(File.Exists(Path.Combine(folder, "bot.db")));
    }

    [Fact]
    public async Task Serve_SeveralInvalidSettings_ListsEveryFailureOnItsOwnLine()
    {
        var (code, output, error) = await RunAsync(("Slack__BotToken", "xoxb-only-the-token"), ("Outbox__Lease", "-00:00:01"),
            ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        var lines = BotRun.Lines(error);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("Slack:SigningSecret", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Outbox:PollInterval, Lease and MaxAttempts", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_UnreadableSettingValue_ExitsTwoNamingTheSetting()
    {
        var (code, output, error) = await RunAsync(("Outbox__Lease", "soon"), ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        Assert.Contains(BotRun.Lines(error), l => l.Contains("'Outbox:Lease'", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_FileWhereTheFolderShouldBe_ExitsThreeNamingThePath()
    {
        var file = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var (code, output, error) = await RunAsync(("Storage__DatabasePath", Path.Combine(file, "bot.db")));

        Assert.Equal(3, code);
        var lines = BotRun.Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"Storage:DatabasePath ({Path.Combine(file, "bot.db")}) cannot be created", lines[1], StringComparison.Ordinal);
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_DatabasePathIsAFolder_ExitsThreeSayingItIsAFolder()
    {
        var (code, output, error) = await RunAsync(("Storage__DatabasePath", folder));

        Assert.Equal(3, code);
        Assert.Contains(BotRun.Lines(error), l => l.StartsWith($"Storage:DatabasePath ({folder}) is a folder", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_NotASqliteFile_ExitsThreeAndLeavesTheFileAlone()
    {
        var file = Path.Combine(folder, "notes.db");
        var text = string.Concat(Enumerable.Repeat("These are someone's notes, not a database. ", 200));
        await File.WriteAllTextAsync(file, text);

        var (code, output, error) = await RunAsync(("Storage__DatabasePath", file));

        Assert.Equal(3, code);
        Assert.Contains(BotRun.Lines(error), l => l.StartsWith($"Storage:DatabasePath ({file}) is not a SQLite database", StringComparison.Ordinal));
        Assert.Equal(text, await File.ReadAllTextAsync(file));
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_PortAlreadyInUse_ExitsFourNamingTheAddress()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (code, output, error) = await BotRun.RunAsync(new Dictionary<string, string> { ["Storage__DatabasePath"] = Path.Combine(folder, "bot.db") },
            "serve", "--urls", url);

        Assert.Equal(4, code);
        var lines = BotRun.Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{url}: the address is already in use", lines[1], StringComparison.Ordinal);
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_BrokenRunbooks_ExitsTwoWithFileLineAndColumn()
    {
        var runbooks = Path.Combine(folder, "runbooks");
        Directory.CreateDirectory(runbooks);
        await File.WriteAllTextAsync(Path.Combine(runbooks, "broken.yaml"), "id: broken\nunexpected_key: true\n");

        var (code, output, error) = await RunAsync(("Runbooks__Directory", runbooks), ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        Assert.Equal("IncidentBot will not start: the runbooks have problems.", BotRun.Lines(error)[0]);
        Assert.Contains(BotRun.Lines(error), l => l.StartsWith(Path.Combine(runbooks, "broken.yaml") + ":", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
        Assert.False(File.Exists(Path.Combine(folder, "bot.db")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<(int ExitCode, string Out, string Error)> RunAsync(params (string Key, string Value)[] settings) =>
        BotRun.RunAsync(settings.ToDictionary(s => s.Key, s => s.Value), "serve", "--urls", "http://127.0.0.1:0");
}
