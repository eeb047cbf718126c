using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Schema;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests.Schema;

/// <summary>Schema 7 adds incidents.drill: rows checksummed before it keep their checksum and still verify, as real
/// incidents.</summary>
public sealed class DrillColumnMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_StoreFromBeforeDrills_KeepsEveryRowAttestedAsARealIncident()
    {
        // Arrange: a store at schema 6 with two incidents, their rows checksummed by the build before drills.
        await using var db = TestDatabase.Create();
        var old = await db.OpenStoreAsync();
        await old.AppendAsync(Drafts.Declare("Checkout errors"), None);
        await old.AppendAsync(Drafts.Declare("Login errors"), None);
        old.Dispose();
        await db.ExecuteRawAsync("""
            ALTER TABLE incidents DROP COLUMN drill;
            ALTER TABLE outbox DROP COLUMN trace_parent;
            PRAGMA user_version = 6;
            """);
        var macs = await db.ScalarRawAsync("SELECT count(*) FROM incidents WHERE mac IS NOT NULL");

        // Act
        var store = await db.OpenStoreAsync();
        var list = await store.ListIncidentsAsync(true, None);

        // Assert
        Assert.Equal(2, macs);
        Assert.Equal(SchemaMigrator.LatestVersion, await db.ScalarRawAsync("PRAGMA user_version"));
        Assert.Equal(2, list.Count);
        Assert.All(list, i => Assert.True(i.Attested && !i.Drill, $"{i.Id}: attested {i.Attested}, drill {i.Drill}"));
        Assert.Equal(0, await db.ScalarRawAsync("SELECT count(*) FROM incidents WHERE drill <> 0"));
    }
}
