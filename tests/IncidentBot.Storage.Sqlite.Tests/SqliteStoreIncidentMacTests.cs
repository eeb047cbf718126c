using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Storage.Contract.Support;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

/// <summary>
/// Incident rows carry a keyed checksum; rows a store from before checksums wrote are rebuilt from their events. (A row
/// edited behind the store reading back as not attested is in the store contract.)
/// </summary>
public sealed class SqliteStoreIncidentMacTests
{
    private static readonly CancellationToken None = CancellationToken.None;

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
