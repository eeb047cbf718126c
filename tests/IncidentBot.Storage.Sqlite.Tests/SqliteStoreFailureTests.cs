using System.Data.Common;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>Storage failures reach callers as the store's own <see cref="StoreUnavailableException"/>, never as a
/// provider's <see cref="DbException"/>, so nothing above storage depends on which database is behind the ports.</summary>
public sealed class SqliteStoreFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_PathIsAFolder_ThrowsStoreUnavailable()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("incidentbot-notafile-");
        try
        {
            using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = folder.FullName }, TimeProvider.System);

            // Act
            var error = await Record.ExceptionAsync(() => store.InitializeAsync(None));

            // Assert
            Assert.IsType<StoreUnavailableException>(error);
            Assert.IsAssignableFrom<DbException>(error.InnerException);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EveryPort_FileIsNotADatabase_ThrowsStoreUnavailable()
    {
        // Arrange: a healthy store whose file is then overwritten with something that is not SQLite.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);
        store.Dispose();
        await File.WriteAllBytesAsync(db.DatabasePath, [.. Enumerable.Repeat((byte)0x5A, 8192)]);
        using var broken = new SqliteStore(new SqliteStoreOptions { DatabasePath = db.DatabasePath }, TimeProvider.System);

        // Act
        var failures = new[]
        {
            await Record.ExceptionAsync(() => broken.AppendAsync(Drafts.Notes("INC-1", 1, 1), None)),
            await Record.ExceptionAsync(() => broken.ReadStreamAsync("INC-1", None)),
            await Record.ExceptionAsync(() => broken.GetIncidentAsync("INC-1", None)),
            await Record.ExceptionAsync(() => broken.FindIncidentByConversationAsync("slack", "C1", None)),
            await Record.ExceptionAsync(() => broken.ClaimDueAsync(OutboxKind.Job, Drafts.T0, TimeSpan.FromMinutes(1), 1, None)),
            await Record.ExceptionAsync(async () => { await foreach (var _ in broken.ReadAllAsync(None)) { } }),
        };

        // Assert
        Assert.All(failures, f => Assert.IsType<StoreUnavailableException>(f));
    }
}
