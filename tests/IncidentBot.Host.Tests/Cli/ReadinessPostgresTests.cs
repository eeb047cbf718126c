using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Storage.Postgres;
using IncidentBot.TestSupport.Postgres;

namespace IncidentBot.Host.Tests.Cli;

/// <summary><c>incidentbot readiness</c> on a real PostgreSQL store: the same ports, the PostgreSQL audit, the key
/// named by <c>Evidence:SigningKeyPath</c>; the connection string comes from the environment and is never printed.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReadinessPostgresTests : IAsyncLifetime
{
    private const string Variable = "Storage__ConnectionString";
    private readonly ReadinessFolder folder = new();
    private PostgresTestDatabase? database;
    private LoopbackTarget deploy = null!;

    private string KeyPath => Path.Combine(folder.Folder, "keys", "evidence-signing.key");

    public async Task InitializeAsync()
    {
        database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        deploy = await LoopbackTarget.StartAsync((context, _) => LoopbackTarget.ReplyAsync(context, 404));
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, SigningKeyPath = KeyPath }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var log = new ChangeLog(store, store, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        await log.RecordAsync(new ChangeRecord("checkout", "prompt", "p1", "release-bot", now.AddDays(-3), true, "approved by carol"), "test", Surfaces.Api, CancellationToken.None);
        await log.RecordAsync(new ChangeRecord("checkout", "prompt", "p2", "release-bot", now.AddDays(-1), false, "hotfix"), "test", Surfaces.Api, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        await deploy.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
        folder.Dispose();
    }

    private Task<(int ExitCode, string Out, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args) =>
        ConsoleCapture.RunAsync([.. args, .. settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")]);

    [Fact]
    public async Task Readiness_Postgres_AuditsTheStoreAndJudgesTheBaseline()
    {
        var settings = folder.Settings(deploy.BaseUrl);
        settings.Remove("Storage:DatabasePath");
        settings["Storage:Provider"] = "postgres";
        settings["Evidence:SigningKeyPath"] = KeyPath;
        Environment.SetEnvironmentVariable(Variable, database!.ConnectionString);

        var (code, output, error) = await RunAsync(settings, "readiness", "--service", "checkout");

        Assert.True(code == 0, output + error);
        Assert.Contains("       store (postgres) verifies: ok: 2 events in 1 chains", output, StringComparison.Ordinal);
        Assert.Contains($"       checkpoint signing key: {KeyPath}, apart from the database\n", output, StringComparison.Ordinal);
        Assert.Contains("       WARN: prompt: the live version p2 is not approved (a rollback would go to p1)\n", output, StringComparison.Ordinal);
        // The throwaway database's role has a password unless the server trusts loopback (a developer's cluster).
        if (new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Password is { Length: > 0 } password)
            Assert.DoesNotContain(password, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_PostgresWithoutAKey_ExitsOneOnEvidenceCapture()
    {
        var settings = folder.Settings(deploy.BaseUrl);
        settings.Remove("Storage:DatabasePath");
        settings["Storage:Provider"] = "postgres";
        Environment.SetEnvironmentVariable(Variable, database!.ConnectionString);

        var (code, output, _) = await RunAsync(settings, "readiness", "--service", "checkout");

        Assert.Equal(1, code);
        Assert.Contains("  6. Evidence capture: FAIL\n", output, StringComparison.Ordinal);
        Assert.Contains("FAIL: no checkpoint signing key is configured: checkpoints cannot be signed or checked", output, StringComparison.Ordinal);
    }
}
