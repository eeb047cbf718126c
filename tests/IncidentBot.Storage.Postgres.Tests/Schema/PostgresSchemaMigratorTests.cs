using IncidentBot.Storage.Postgres.Schema;
using IncidentBot.Storage.Postgres.Tests.Support;
using IncidentBot.TestSupport.Postgres;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Tests.Schema;

public sealed class PostgresSchemaMigratorTests
{
    private static readonly string[] Tables =
    [
        "changes", "checkpoint_streams", "checkpoints", "conversations", "deliveries", "events", "incident_counter",
        "incidents", "known_conversations", "outbox", "runbook_versions", "schema_migrations", "signing_key",
    ];

    private const string History = "SELECT number || ' ' || name || ' ' || sha256 || ' ' || applied_utc FROM schema_migrations ORDER BY number";

    [Fact]
    public async Task MigrateAsync_NewDatabase_CreatesEveryTableAndRecordsEveryScript()
    {
        await using var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        await using var connection = await database.OpenAdminConnectionAsync();

        await PostgresSchemaMigrator.MigrateAsync(connection, CancellationToken.None);

        var tables = await Rows.StringsAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Equal(Tables, tables);
        var recorded = await Rows.StringsAsync(connection,
            "SELECT number || ' ' || name || ' ' || sha256 FROM schema_migrations ORDER BY number");
        Assert.Equal(PostgresSchemaMigrator.Scripts.Select(s => $"{s.Number} {s.Name} {s.Sha256}"), recorded);
        Assert.Equal(1, await Rows.ScalarAsync<int>(connection, "SELECT count(*)::int FROM incident_counter WHERE last = 0"));
    }

    [Fact]
    public async Task MigrateAsync_AlreadyMigrated_ChangesNothing()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var connection = await database.OpenOwnerConnectionAsync();
        var before = await Rows.StringsAsync(connection, History);

        await PostgresSchemaMigrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(before, await Rows.StringsAsync(connection, History));
        Assert.Equal(PostgresSchemaMigrator.Scripts.Count, before.Count);
    }

    [Fact]
    public async Task MigrateAsync_TwoNodesAtOnce_BothSucceedAndEachScriptIsAppliedOnce()
    {
        await using var database = await PostgresTestServer.FromEnvironment().CreateDatabaseAsync();
        // Hold the migration lock so both migrators are certainly racing for it, then let them go together.
        await using var holder = await database.OpenAdminConnectionAsync();
        await Rows.ExecuteAsync(holder, $"SELECT pg_advisory_lock({PostgresSchemaMigrator.AdvisoryLockKey})");
        await using var first = await database.OpenAdminConnectionAsync();
        await using var second = await database.OpenAdminConnectionAsync();

        var both = Task.WhenAll(
            Task.Run(() => PostgresSchemaMigrator.MigrateAsync(first, CancellationToken.None)),
            Task.Run(() => PostgresSchemaMigrator.MigrateAsync(second, CancellationToken.None)));
        await WaitForLockWaitersAsync(holder, 2);
        await Rows.ExecuteAsync(holder, $"SELECT pg_advisory_unlock({PostgresSchemaMigrator.AdvisoryLockKey})");
        await both.WaitAsync(TimeSpan.FromSeconds(60));

        var counts = await Rows.StringsAsync(holder,
            "SELECT number || ':' || count(*) FROM schema_migrations GROUP BY number ORDER BY number");
        Assert.Equal(PostgresSchemaMigrator.Scripts.Select(s => $"{s.Number}:1"), counts);
        Assert.Equal(1, await Rows.ScalarAsync<int>(holder, "SELECT count(*)::int FROM incident_counter"));
    }

    [Fact]
    public async Task MigrateAsync_RecordedHashDiffers_Refuses()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var connection = await database.OpenOwnerConnectionAsync();
        await Rows.ExecuteAsync(connection, "UPDATE schema_migrations SET sha256 = repeat('0', 64) WHERE number = 1");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresSchemaMigrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Contains("0001_initial.sql", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresSchemaMigrator.Scripts[0].Sha256, refused.Message, StringComparison.Ordinal);
        // The lock was given back: another migrator is not left waiting for ever.
        Assert.True(await Rows.ScalarAsync<bool>(connection,
            $"SELECT pg_try_advisory_lock({PostgresSchemaMigrator.AdvisoryLockKey})"));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromNewerBuild_Refuses()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var connection = await database.OpenOwnerConnectionAsync();
        await Rows.ExecuteAsync(connection,
            "INSERT INTO schema_migrations (number, name, sha256) VALUES (9999, '9999_future.sql', 'abc')");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresSchemaMigrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Contains("9999_future.sql", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HashOf_LineEndings_DoNotCount() =>
        Assert.Equal(PostgresSchemaMigrator.HashOf("a\nb\n"), PostgresSchemaMigrator.HashOf("a\r\nb\r\n"));

    // Waits (bounded) until this many sessions wait for the migration lock.
    private static async Task WaitForLockWaitersAsync(NpgsqlConnection observer, int waiters)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        const string sql = """
            SELECT count(*)::int FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        while (await Rows.ScalarAsync<int>(observer, sql) < waiters)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{waiters} migrators never waited for the lock.");
            await Task.Delay(10);
        }
    }
}
