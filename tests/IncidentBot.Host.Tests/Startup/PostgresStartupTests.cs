using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.Postgres;
using Npgsql;

namespace IncidentBot.Host.Tests.Startup;

/// <summary>
/// The real executable told to run on PostgreSQL with a broken or missing setting: one line per problem naming the
/// setting, the documented exit code, never the connection string's password, and no SQLite file made instead.
/// </summary>
public sealed class PostgresStartupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("incidentbot-pg-startup-").FullName;

    [Fact]
    public async Task Serve_UnknownProvider_ExitsTwoNamingTheSetting()
    {
        var (code, output, error) = await RunAsync(("Storage__Provider", "oracle"), ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        Assert.Contains(BotRun.Lines(error), l => l.StartsWith("Storage:Provider must be sqlite (the default) or postgres", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
        Assert.False(File.Exists(Path.Combine(folder, "bot.db")));
    }

    [Fact]
    public async Task Serve_PostgresWithoutConnectionStringOrKey_ExitsTwoNamingBoth()
    {
        var (code, output, error) = await RunAsync(("Storage__Provider", "postgres"), ("Storage__DatabasePath", Path.Combine(folder, "bot.db")));

        Assert.Equal(2, code);
        var lines = BotRun.Lines(error);
        Assert.Contains(lines, l => l.StartsWith("Storage:ConnectionString is empty", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Evidence:SigningKeyPath is empty", StringComparison.Ordinal));
        BotRun.AssertNoStackTrace(output + error);
        Assert.False(File.Exists(Path.Combine(folder, "bot.db")), "a SQLite file was made although PostgreSQL was asked for");
    }

    [Fact]
    public async Task Serve_PostgresNotListening_ExitsThreeWithoutThePassword()
    {
        using var refusing = new RefusingPort();
        var unreachable = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = refusing.Port, Database = "incidentbot", Username = "bot", Password = "pw-never-shown-7c1e", Timeout = 3,
        };

        var (code, output, error) = await RunAsync(("Storage__Provider", "postgres"), ("Storage__ConnectionString", unreachable.ConnectionString),
            ("Evidence__SigningKeyPath", Path.Combine(folder, "key.pem")));

        Assert.Equal(3, code);
        Assert.Contains(BotRun.Lines(error), l =>
            l.StartsWith($"Storage:ConnectionString (PostgreSQL database incidentbot on 127.0.0.1:{unreachable.Port}) cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain("pw-never-shown-7c1e", output + error, StringComparison.Ordinal);
        BotRun.AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Serve_PostgresDatabaseThatDoesNotExist_ExitsThreeSayingSo()
    {
        var missing = new NpgsqlConnectionStringBuilder(PostgresTestServer.FromEnvironment().AdminConnectionString) { Database = "incidentbot_missing_" + Guid.NewGuid().ToString("N") };

        var (code, output, error) = await RunAsync(("Storage__Provider", "postgres"), ("Storage__ConnectionString", missing.ConnectionString),
            ("Evidence__SigningKeyPath", Path.Combine(folder, "key.pem")));

        Assert.Equal(3, code);
        Assert.Contains(BotRun.Lines(error), l => l.Contains("names a database that does not exist", StringComparison.Ordinal));
        if (missing.Password is { Length: > 0 } password) Assert.DoesNotContain(password, output + error, StringComparison.Ordinal);
        BotRun.AssertNoStackTrace(output + error);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<(int ExitCode, string Out, string Error)> RunAsync(params (string Key, string Value)[] settings) =>
        BotRun.RunAsync(settings.ToDictionary(s => s.Key, s => s.Value), "serve", "--urls", "http://127.0.0.1:0");
}
