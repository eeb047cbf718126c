using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Schema;

/// <summary>Script 0005 adds incidents.drill: rows checksummed before it keep their checksum and still verify, as real
/// incidents.</summary>
public sealed class DrillColumnMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_DatabaseFromBeforeDrills_KeepsEveryRowAttestedAsARealIncident()
    {
        // Arrange: a database as the build before drills left it, two incidents in it with their rows checksummed.
        await using var nodes = await StoreNodes.StartAsync();
        await nodes.Store.AppendAsync(Drafts.Declare("Checkout errors"), None);
        await nodes.Store.AppendAsync(Drafts.Declare("Login errors"), None);
        await using (var owner = await nodes.OpenOwnerConnectionAsync())
        {
            await Rows.ExecuteAsync(owner, "ALTER TABLE incidents DROP COLUMN drill");
            await Rows.ExecuteAsync(owner, "DELETE FROM schema_migrations WHERE name = '0005_incident_drill.sql'");
            Assert.Equal(2, await Rows.ScalarAsync<int>(owner, "SELECT count(*)::int FROM incidents WHERE mac IS NOT NULL"));
        }

        // Act: a node of this build starts and migrates.
        var node = await nodes.AddNodeAsync();
        var list = await node.ListIncidentsAsync(true, None);

        // Assert
        Assert.Equal(2, list.Count);
        Assert.All(list, i => Assert.True(i.Attested && !i.Drill, $"{i.Id}: attested {i.Attested}, drill {i.Drill}"));
        await using var check = await nodes.OpenOwnerConnectionAsync();
        Assert.Equal(1, await Rows.ScalarAsync<int>(check, "SELECT count(*)::int FROM schema_migrations WHERE name = '0005_incident_drill.sql'"));
    }
}
