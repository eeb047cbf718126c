using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Schema;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Schema;

/// <summary>Schema 8 adds outbox.trace_parent: rows written before it stay pending and read as untraced.</summary>
public sealed class OutboxTraceColumnMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_StoreFromBeforeTraces_KeepsPendingRowsUntraced()
    {
        // Arrange: a store at schema 7 with a pending notification.
        await using var db = TestDatabase.Create();
        var old = await db.OpenStoreAsync();
        await old.AppendAsync(Drafts.Declare() with { Outbox = [Drafts.Notify("declared")] }, None);
        old.Dispose();
        await db.ExecuteRawAsync("""
            ALTER TABLE outbox DROP COLUMN trace_parent;
            PRAGMA user_version = 7;
            """);

        // Act
        var store = await db.OpenStoreAsync();
        var pending = await store.ClaimDueAsync(OutboxKind.Notify, Drafts.T0, TimeSpan.FromMinutes(1), 10, None);

        // Assert
        Assert.Equal(SchemaMigrator.LatestVersion, await db.ScalarRawAsync("PRAGMA user_version"));
        var row = Assert.Single(pending);
        Assert.Equal(("declared", null), (Drafts.Text(row), row.TraceParent));
    }
}
