using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary><see cref="SqliteStore.ProbeWriteAsync"/>: a committed write that changes nothing, failing exactly when writes fail.
/// That it changes no row is in the store contract; here, the file's own side (schema version, write lock).</summary>
public sealed class SqliteStoreHealthTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProbeWriteAsync_HealthyStore_LeavesTheSchemaVersionAsItWas()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var version = await db.ScalarRawAsync("PRAGMA user_version;");

        // Act
        await store.ProbeWriteAsync(None);

        // Assert
        Assert.Equal(version, await db.ScalarRawAsync("PRAGMA user_version;"));
    }

    [Fact]
    public async Task ProbeWriteAsync_WriteLockHeldPastTheWait_ThrowsStoreUnavailable()
    {
        // Arrange: another connection holds the write lock; the store waits at most 100 ms.
        await using var db = TestDatabase.Create();
        await db.OpenStoreAsync();
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = db.DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(100) }, db.Time);
        await using var holder = db.OpenRawConnection();
        await using var transaction = holder.BeginTransaction(deferred: false);

        // Act
        var error = await Record.ExceptionAsync(() => store.ProbeWriteAsync(None));

        // Assert
        Assert.IsType<StoreUnavailableException>(error);
    }
}
