using IncidentBot.Core.Conversations;
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
    public async Task AppendAsync_ConversationBoundTwice_FindReturnsCanonicalIncidentId()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);
        var thread = new ConversationReference(Surfaces.Slack, "C1", "1700000000.000100");

        // Act
        await store.AppendAsync(Drafts.Notes("inc-1", 1, 1) with { Conversations = [thread] }, None);
        await store.AppendAsync(Drafts.Notes("INC-1", 2, 1) with { Conversations = [thread] }, None);
        var found = await store.FindIncidentByConversationAsync(Surfaces.Slack, "C1/1700000000.000100", None);

        // Assert
        Assert.Equal("INC-1", found);
        Assert.Null(await store.FindIncidentByConversationAsync(Surfaces.Teams, "C1/1700000000.000100", None));
        Assert.Equal(1, await db.ScalarRawAsync("SELECT COUNT(*) FROM conversations"));
    }

    [Fact]
    public async Task AppendAsync_ConversationOnTheBotStream_IsKnownButBindsNoIncident()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var team = new ConversationReference(Surfaces.Teams, "19:abc@thread.tacv2", null, "https://smba.example/teams/", "tenant-1");

        // Act
        await store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Conversations = [team] }, None);
        await store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Conversations = [team with { ServiceUrl = null }] }, None);

        // Assert: the service URL an authenticated activity carried is kept when a later reference lacks it.
        Assert.Null(await store.FindIncidentByConversationAsync(Surfaces.Teams, team.Key, None));
        Assert.Equal(team, await store.FindKnownConversationAsync(Surfaces.Teams, team.Channel, None));
        Assert.Null(await store.FindKnownConversationAsync(Surfaces.Teams, "19:other@thread.tacv2", None));
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
