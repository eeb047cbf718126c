using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Shared.Audit;
using IncidentBot.Storage.Sqlite.Audit;
using IncidentBot.Storage.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>Signed checkpoints on SQLite: the key file, stores from before checkpoints, the append-only trigger. (One
/// checkpoint per commit and the seals are in the store contract.)</summary>
public sealed class SqliteStoreCheckpointTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_FirstStart_CreatesAnOwnerOnlyKeyFileOutsideTheDatabase()
    {
        // Arrange
        await using var db = TestDatabase.Create();

        // Act
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes(Streams.Bot, 0, 1), None);
        store.Dispose();

        // Assert
        Assert.Equal(Path.Combine(Path.GetDirectoryName(db.DatabasePath)!, "evidence-signing.key"), store.SigningKeyPath);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.SigningKeyPath));
        var pem = await File.ReadAllTextAsync(store.SigningKeyPath);
        Assert.StartsWith("-----BEGIN " + "PRIVATE KEY-----", pem, StringComparison.Ordinal); // split so the repository holds no key-like literal
        var secret = pem.Split('\n')[1];
        Assert.False((await File.ReadAllBytesAsync(db.DatabasePath)).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret)) >= 0);
    }

    [Fact]
    public void Constructor_KeyPathIsTheDatabase_IsRefused()
    {
        // Arrange
        var options = new SqliteStoreOptions { DatabasePath = "data/x.db", SigningKeyPath = "data/x.db" };

        // Act, Assert
        Assert.Throws<ArgumentException>(() => new SqliteStore(options, TimeProvider.System));
    }

    [Fact]
    public async Task InitializeAsync_StoreFromBeforeCheckpoints_SignsOneCheckpointOverEveryExistingHead()
    {
        // Arrange: a store at schema 3, with events and no checkpoints.
        await using var db = TestDatabase.Create();
        var old = await db.OpenStoreAsync();
        var bot = (await old.AppendAsync(Drafts.Notes(Streams.Bot, 0, 3), None)).Appended();
        var changes = (await old.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None)).Appended();
        old.Dispose();
        await db.ExecuteRawAsync("""
            DROP TABLE checkpoint_streams;
            DROP TABLE checkpoints;
            DROP TRIGGER runbook_versions_append_only_u; DROP TRIGGER runbook_versions_append_only_d;
            ALTER TABLE incidents DROP COLUMN drill;
            ALTER TABLE outbox DROP COLUMN trace_parent;
            ALTER TABLE incidents DROP COLUMN mac;
            PRAGMA user_version = 3;
            """);

        // Act
        var store = await db.OpenStoreAsync();

        // Assert
        var first = Assert.Single(await ReadCheckpointsAsync(db));
        Assert.True(first.Full);
        Assert.Equal([new StreamHead(Streams.Bot, 3, bot.Events[^1].Hash), new StreamHead(Streams.Changes, 1, changes.Events[^1].Hash)], first.Heads);
        Assert.Equal(first.Hash, await store.GetSealAsync(Streams.Bot, None));
        using var key = EvidenceSigningKey.Load(store.SigningKeyPath);
        var audit = await SqliteEvidenceAuditor.AuditAsync(db.DatabasePath, key.PublicKey, first.Hash, None);
        Assert.Equal(AuditVerdict.Intact, audit.Verdict);
    }

    [Fact]
    public async Task InitializeAsync_StoreFromBeforeGroupCommit_KeepsEachStreamsSealFromItsCheckpoints()
    {
        // Arrange: a store at schema 5, whose checkpoints named the one stream each moved.
        await using var db = TestDatabase.Create();
        var old = await db.OpenStoreAsync();
        var bot = (await old.AppendAsync(Drafts.Notes(Streams.Bot, 0, 1), None)).Appended();
        var changes = (await old.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None)).Appended();
        old.Dispose();
        await db.ExecuteRawAsync("""
            DROP TABLE checkpoint_streams;
            DROP TRIGGER checkpoints_append_only_u;
            UPDATE checkpoints SET stream = 'bot' WHERE number = 1;
            UPDATE checkpoints SET stream = 'changes' WHERE number = 2;
            ALTER TABLE incidents DROP COLUMN drill;
            ALTER TABLE outbox DROP COLUMN trace_parent;
            PRAGMA user_version = 5;
            """);

        // Act
        var store = await db.OpenStoreAsync();

        // Assert
        Assert.Equal(bot.Seal, await store.GetSealAsync(Streams.Bot, None));
        Assert.Equal(changes.Seal, await store.GetSealAsync(Streams.Changes, None));
    }

    [Fact]
    public async Task RawStatement_OnCheckpoint_IsRefusedByTheDatabase()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes(Streams.Bot, 0, 1), None);

        // Act
        var error = await Assert.ThrowsAsync<SqliteException>(() => db.ExecuteRawAsync("DELETE FROM checkpoints;"));

        // Assert
        Assert.Contains("checkpoints are append-only", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<Checkpoint>> ReadCheckpointsAsync(TestDatabase db)
    {
        await using var connection = db.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteStore.CheckpointColumns} FROM checkpoints ORDER BY number;";
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<Checkpoint>();
        while (await reader.ReadAsync()) list.Add(SqliteStore.ReadCheckpoint(reader));
        return list;
    }
}
