using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreIncidentsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppendAsync_DeclareThenUpdate_ProjectionFollowsWithAllocatedIdAndLastSeq()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare("first"), None);
        var updatedAt = Drafts.T0.AddMinutes(5);
        var update = Drafts.Notes("INC-2", 1, 2) with
        {
            Incident = Drafts.Summary("second, triaged", IncidentState.ContainmentChoice, Severity.Sev2, 2, updatedAt)
                with { Id = "INC-2", Number = 2 },
        };

        // Act
        await store.AppendAsync(Drafts.Declare("second") with { Incident = Drafts.Summary("second") with { Id = "INC-99", Number = 99 } }, None);
        await store.AppendAsync(update, None);
        var second = await store.GetIncidentAsync("inc-2", None);

        // Assert
        var expected = new IncidentSummary("INC-2", 2, "second, triaged", IncidentState.ContainmentChoice, Severity.Sev2,
            "checkout", "db-failover", Drafts.RunbookVersion, "0123456789abcdef", "alice", 2, 3, Drafts.T0, updatedAt);
        Assert.Equal(expected, second);
        Assert.Null(await store.GetIncidentAsync("INC-99", None));
    }

    [Fact]
    public async Task ListIncidentsAsync_OpenAndClosed_FiltersClosedUnlessAskedNewestFirst()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        for (var i = 0; i < 4; i++) await store.AppendAsync(Drafts.Declare($"incident {i}"), None);
        await store.AppendAsync(Drafts.Notes("INC-2", 1, 1) with { Incident = Drafts.Summary("x", IncidentState.Closed) with { Id = "INC-2" } }, None);
        await store.AppendAsync(Drafts.Notes("INC-3", 1, 1) with { Incident = Drafts.Summary("x", IncidentState.Cancelled) with { Id = "INC-3" } }, None);

        // Act
        var open = await store.ListIncidentsAsync(includeClosed: false, None);
        var all = await store.ListIncidentsAsync(includeClosed: true, None);

        // Assert
        Assert.Equal(["INC-4", "INC-1"], open.Select(i => i.Id));
        Assert.Equal(["INC-4", "INC-3", "INC-2", "INC-1"], all.Select(i => i.Id));
    }

    [Fact]
    public async Task AppendAsync_ProjectionForAnotherIncident_IsRefused()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);
        var wrong = Drafts.Notes("INC-1", 1, 1) with { Incident = Drafts.Summary() with { Id = "INC-7" } };

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(wrong, None));
        Assert.Single(await store.ReadStreamAsync("INC-1", None));
    }

    [Fact]
    public async Task BindConversationAsync_BoundTwice_FindReturnsCanonicalIncidentId()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);

        // Act
        await store.BindConversationAsync(Surfaces.Slack, "C1/1700000000.000100", "inc-1", None);
        await store.BindConversationAsync(Surfaces.Slack, "C1/1700000000.000100", "INC-1", None);
        var found = await store.FindIncidentByConversationAsync(Surfaces.Slack, "C1/1700000000.000100", None);

        // Assert
        Assert.Equal("INC-1", found);
        Assert.Null(await store.FindIncidentByConversationAsync(Surfaces.Teams, "C1/1700000000.000100", None));
        Assert.Equal(1, await db.ScalarRawAsync("SELECT COUNT(*) FROM conversations"));
    }

    [Fact]
    public async Task BindConversationAsync_UnknownIncident_Throws()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();

        // Act + Assert
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.BindConversationAsync(Surfaces.Console, "thread-1", "INC-404", None));
        Assert.Null(await store.FindIncidentByConversationAsync(Surfaces.Console, "thread-1", None));
    }

    [Fact]
    public async Task AppendAsync_SameRunbookHashTwice_StoresTheTextOnce()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var snapshot = new RunbookSnapshot("sha-abc", "db-failover", "id: db-failover\nversion: 3\n");

        // Act
        await store.AppendAsync(Drafts.Declare() with { Runbook = snapshot }, None);
        await store.AppendAsync(Drafts.Declare() with { Runbook = snapshot with { SourceText = "changed" } }, None);

        // Assert
        Assert.Equal("id: db-failover\nversion: 3\n", await store.GetRunbookTextAsync("sha-abc", None));
        Assert.Null(await store.GetRunbookTextAsync("sha-other", None));
        Assert.Equal(1, await db.ScalarRawAsync("SELECT COUNT(*) FROM runbook_versions"));
    }
}
