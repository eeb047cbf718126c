using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Schema;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Schema;

public sealed class SchemaMigratorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_RunTwice_StaysAtLatestVersionWithDataIntact()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var stored = (await store.AppendAsync(Drafts.Declare(), None)).Appended().Events;

        // Act
        await store.InitializeAsync(None);
        var reopened = await db.OpenStoreAsync();

        // Assert
        Assert.True(SchemaMigrator.LatestVersion >= 1);
        Assert.Equal(SchemaMigrator.LatestVersion, await db.ScalarRawAsync("PRAGMA user_version"));
        Assert.Equal(stored, await reopened.ReadStreamAsync("INC-1", None));
        Assert.Equal("INC-2", (await reopened.AppendAsync(Drafts.Declare(), None)).Appended().Stream);
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromNewerBuild_IsRefused()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        await db.OpenStoreAsync();
        await db.ExecuteRawAsync($"PRAGMA user_version = {SchemaMigrator.LatestVersion + 1};");

        // Act + Assert
        await Assert.ThrowsAsync<InvalidOperationException>(db.OpenStoreAsync);
    }

    [Fact]
    public void Scripts_Embedded_AreNumberedFromOneWithoutGaps()
    {
        // Arrange + Act
        var scripts = SchemaMigrator.Scripts;

        // Assert
        Assert.Equal("0001_initial.sql", scripts[0].Name);
        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task OpenConnectionAsync_StoreConnection_IsWalWithFullSyncAndForeignKeys()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();

        // Act
        await using var connection = await store.OpenConnectionAsync(None);
        var journal = await connection.Sql(null, "PRAGMA journal_mode;").ScalarAsync<string>(None);
        var synchronous = await connection.Sql(null, "PRAGMA synchronous;").ScalarAsync<long>(None);
        var foreignKeys = await connection.Sql(null, "PRAGMA foreign_keys;").ScalarAsync<long>(None);
        var busyTimeout = await connection.Sql(null, "PRAGMA busy_timeout;").ScalarAsync<long>(None);

        // Assert
        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous);
        Assert.Equal(1, foreignKeys);
        Assert.Equal(5000, busyTimeout);
        Assert.True(File.Exists(db.DatabasePath));
        Assert.Equal(Path.GetFullPath(db.DatabasePath), store.DatabasePath);
    }
}
