using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Storage.Postgres;
using IncidentBot.TestSupport.Postgres;
using Npgsql;

namespace IncidentBot.Host.Tests.Cli;

/// <summary>
/// <c>evidence verify --provider postgres</c> on a real PostgreSQL database written by the engine: the connection
/// string comes from the environment (<c>Storage__ConnectionString</c>) and never appears in what is printed.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvidenceVerifyPostgresTests : IAsyncLifetime
{
    private const string Variable = "Storage__ConnectionString";
    private readonly string keyFolder = Directory.CreateTempSubdirectory("incidentbot-pg-verify-").FullName;
    private PostgresTestDatabase? database;

    private string KeyPath => Path.Combine(keyFolder, "evidence-signing.key");

    private PostgresTestDatabase Database => database ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        if (database is not null) await database.DisposeAsync();
        Directory.Delete(keyFolder, recursive: true);
    }

    [Fact]
    public async Task Verify_UntouchedDatabase_ExitsZeroAndPrintsNoCredential()
    {
        await RunIncidentAsync();
        Environment.SetEnvironmentVariable(Variable, Database.ConnectionString);

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres", "--key", KeyPath);

        Assert.True(code == 0, output + error);
        Assert.StartsWith("ok: 4 events in 1 chains, 4 checkpoints signed by key", output, StringComparison.Ordinal);
        AssertNoPassword(output + error);
    }

    [Fact]
    public async Task Verify_EventEditedByTheOwner_ExitsOneNamingIt()
    {
        var id = await RunIncidentAsync();
        await using (var owner = await Database.OpenAdminConnectionAsync())
        await using (var edit = new NpgsqlCommand($"""
            ALTER TABLE events DISABLE TRIGGER events_append_only;
            UPDATE events SET payload = replace(payload, 'prompt', 'model') WHERE stream = '{id}' AND seq = 2;
            ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only;
            """, owner))
            await edit.ExecuteNonQueryAsync();
        Environment.SetEnvironmentVariable(Variable, Database.ConnectionString);

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres", "--key", KeyPath);

        Assert.True(code == 1, output + error);
        Assert.StartsWith($"ALTERED: {id} #2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RealIncidentRowMarkedAsDrillByTheOwner_ExitsOneNamingTheDrillField()
    {
        var id = await RunIncidentAsync();
        await using (var owner = await Database.OpenAdminConnectionAsync())
        await using (var edit = new NpgsqlCommand($"UPDATE incidents SET drill = true WHERE id = '{id}';", owner))
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        Environment.SetEnvironmentVariable(Variable, Database.ConnectionString);

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres", "--key", KeyPath);

        Assert.True(code == 1, output + error);
        Assert.Contains($"incidents row {id}: drill is 'True' where the events say 'False'", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoConnectionString_ExitsTwoSayingWhereItGoes()
    {
        Environment.SetEnvironmentVariable(Variable, null);

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres", "--key", KeyPath);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("Storage__ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoKeyNamed_ExitsTwoAndDoesNotTrustTheDatabasesOwnKey()
    {
        await RunIncidentAsync();
        Environment.SetEnvironmentVariable(Variable, Database.ConnectionString);

        var (code, _, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres");

        Assert.Equal(2, code);
        Assert.Contains("--public-key or --key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ServerNotListening_ExitsTwoWithoutThePassword()
    {
        using var refusing = new TestSupport.RefusingPort();
        var unreachable = new NpgsqlConnectionStringBuilder(Database.ConnectionString)
        {
            Port = refusing.Port, Password = "not-this-one-9f3b", Timeout = 3,
        };
        Environment.SetEnvironmentVariable(Variable, unreachable.ConnectionString);
        using (var key = EvidenceSigningKey.LoadOrCreate(KeyPath)) { }

        var (code, output, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "postgres", "--key", KeyPath);

        Assert.Equal(2, code);
        Assert.Contains("cannot be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-this-one-9f3b", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UnknownProvider_ExitsTwo()
    {
        var (code, _, error) = await ConsoleCapture.RunAsync("evidence", "verify", "--provider", "oracle");

        Assert.Equal(2, code);
        Assert.Contains("--provider must be sqlite or postgres", error, StringComparison.Ordinal);
    }

    private void AssertNoPassword(string printed)
    {
        if (new NpgsqlConnectionStringBuilder(Database.ConnectionString).Password is { Length: > 0 } password)
            Assert.DoesNotContain(password, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Database.ConnectionString, printed, StringComparison.Ordinal);
    }

    /// <summary>Declares, triages, chooses and approves a containment through a real engine on the database.</summary>
    private async Task<string> RunIncidentAsync()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = Database.ConnectionString, SigningKeyPath = KeyPath },
            TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var engine = ShippedRunbookEngine.On(store);
        Task<CommandResult> Say(string user, string text) => engine.SayAsync(user, text);
        var id = (await Say("alice", "/incident declare Refund promises sev2 service=support-assistant runbook=ai-assistant-drift")).IncidentId!;
        Assert.Equal(CommandOutcome.Applied, (await Say("alice", $"/incident triage {id} sev2 prompt")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await Say("alice", $"/incident contain {id} force-human-review")).Outcome);
        Assert.Equal(CommandOutcome.Applied, (await Say("bob", $"/incident approve {id}")).Outcome);
        return id;
    }
}
