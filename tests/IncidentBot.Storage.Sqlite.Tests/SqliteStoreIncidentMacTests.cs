using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>Incident rows carry a keyed checksum: a row edited behind the store reads back as not attested.</summary>
public sealed class SqliteStoreIncidentMacTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ListAndGet_RowEditedBehindTheStore_ComesBackNotAttested()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare("Checkout errors"), None);
        await store.AppendAsync(Drafts.Declare("Login errors"), None);

        // Act
        await db.ExecuteRawAsync("UPDATE incidents SET title = 'Nothing happened' WHERE id = 'INC-1';");
        var list = await store.ListIncidentsAsync(true, None);
        var one = await store.GetIncidentAsync("INC-1", None);

        // Assert
        Assert.False(Assert.Single(list, i => i.Id == "INC-1").Attested);
        Assert.True(Assert.Single(list, i => i.Id == "INC-2").Attested);
        Assert.False(one!.Attested);
    }

    [Fact]
    public async Task InitializeAsync_RowsWithoutChecksum_AreRebuiltFromTheirEventsAndAttested()
    {
        // Arrange: a real declaration, its row as a store before checksums wrote it (no mac), and edited meanwhile.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var declared = new IncidentDeclared("Checkout errors", Severity.Sev2, "checkout", "service-release", "hash", "service-release@1#hash", "alice", "console", null);
        var draft = new EventDraft(EventCodec.TypeName(declared), "alice", "console", Drafts.T0, EventCodec.Serialize(declared), "service-release@1#hash");
        var summary = Incident.FromEvents("INC-0", [new EvidenceEvent("INC-0", 1, "", draft.Type, draft.Actor, draft.Surface, draft.OccurredUtc, draft.PayloadJson, draft.RunbookVersion, "", "")])!.Summarize();
        await store.AppendAsync(new AppendRequest(null, 0, [draft], Incident: summary), None);
        await db.ExecuteRawAsync("UPDATE incidents SET mac = NULL, title = 'Nothing happened' WHERE id = 'INC-1';");

        // Act
        var reopened = await db.OpenStoreAsync();
        var row = await reopened.GetIncidentAsync("INC-1", None);

        // Assert
        Assert.True(row!.Attested);
        Assert.Equal("Checkout errors", row.Title);
    }
}
