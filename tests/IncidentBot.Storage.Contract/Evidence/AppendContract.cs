using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.Evidence;

/// <summary>The outcomes of <see cref="IEvidenceStore.AppendAsync"/>: appended, duplicate delivery, conflict, numbering.</summary>
public abstract class AppendContract : StoreContract
{
    [Fact]
    public async Task AppendAsync_TwoEvents_ReadStreamReturnsExactlyWhatWasStored()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;
        var at = new DateTimeOffset(2026, 11, 22, 11, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        const string payload = """{"text":"Привет, \"world\"",  "spaced": [1, 2]}""";
        var first = new EventDraft("IncidentDeclared", "alice", Surfaces.Teams, at, payload, Drafts.RunbookVersion);
        var second = new EventDraft("CommandRefused", "slack:U42", Surfaces.Slack, at.AddSeconds(1), "{}", null);

        // Act
        var appended = (await store.AppendAsync(new AppendRequest("bot", 0, [first, second]), None)).Appended();
        var read = await store.ReadStreamAsync("bot", None);

        // Assert
        Assert.Equal("bot", appended.Stream);
        Assert.Equal(appended.Events, read);
        var e1 = read[0];
        Assert.Equal(("bot", 1L, "IncidentDeclared", "alice", Surfaces.Teams), (e1.Stream, e1.Seq, e1.Type, e1.Actor, e1.Surface));
        Assert.Equal(at, e1.OccurredUtc);
        Assert.Equal(TimeSpan.Zero, e1.OccurredUtc.Offset);
        Assert.Equal(payload, e1.PayloadJson);
        Assert.Equal(Drafts.RunbookVersion, e1.RunbookVersion);
        Assert.True(Guid.TryParse(e1.EventId, out _));
        var e2 = read[1];
        Assert.Equal((2L, "CommandRefused", "slack:U42", Surfaces.Slack, "{}"), (e2.Seq, e2.Type, e2.Actor, e2.Surface, e2.PayloadJson));
        Assert.Null(e2.RunbookVersion);
        Assert.NotEqual(e1.EventId, e2.EventId);
    }

    [Theory]
    [InlineData("x'); DROP TABLE events; --")]
    [InlineData("\"quoted\" \\ back$lash $1 @s :p ? ünïcødé 🚨")]
    public async Task AppendAsync_HostileStreamAndPayloadText_AreStoredAndReadBackVerbatim(string text)
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var payload = "{\"text\":" + System.Text.Json.JsonSerializer.Serialize(text) + ",\"raw\":\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}";
        var request = new AppendRequest(text, 0, [Drafts.Event(text, payload, actor: text)], DeliveryId: text);

        // Act
        var appended = (await db.Store.AppendAsync(request, None)).Appended();
        var again = await db.Store.AppendAsync(request, None);

        // Assert
        var stored = Assert.Single(await db.Store.ReadStreamAsync(text, None));
        Assert.Equal(appended.Events[0], stored);
        Assert.Equal((text, text, text, payload), (stored.Stream, stored.Type, stored.Actor, stored.PayloadJson));
        Assert.Equal(new AppendOutcome.Duplicate(text), again);
        Assert.Equal(appended.Seal, await db.Store.GetSealAsync(text, None));
    }

    [Fact]
    public async Task AppendAsync_NewStreams_AllocateIncidentNumbersInOrder()
    {
        // Arrange
        await using var db = await CreateStoreAsync();

        // Act
        var streams = new List<string>();
        for (var i = 0; i < 3; i++) streams.Add((await db.Store.AppendAsync(Drafts.Declare(), None)).Appended().Stream);

        // Assert
        Assert.Equal(["INC-1", "INC-2", "INC-3"], streams);
        Assert.Equal([3, 2, 1], (await db.Store.ListIncidentsAsync(true, None)).Select(i => i.Number));
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSeq_ReturnsConflictWithTheHeadAndWritesNothing()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var store = db.Store;
        var stream = (await store.AppendAsync(Drafts.Declare(), None)).Appended().Stream;
        var head = (await store.AppendAsync(Drafts.Notes(stream, 1, 1), None)).Appended();
        var stale = Drafts.Notes(stream, 1, 2, deliveryId: "slack:T1:abc") with
        {
            Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", "{}")],
            Runbook = new RunbookSnapshot("hash-x", "db-failover", "id: db-failover"),
            Incident = Drafts.Summary("renamed") with { Id = stream },
            Conversations = [new Core.Conversations.ConversationReference(Surfaces.Slack, "C9")],
        };
        var before = await db.CountAllAsync();

        // Act
        var outcome = await store.AppendAsync(stale, None);

        // Assert
        Assert.Equal(new AppendOutcome.Conflict(2), outcome);
        Assert.Equal(before, await db.CountAllAsync());
        Assert.Equal(2, (await store.ReadStreamAsync(stream, None)).Count);
        Assert.Empty(await store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None));
        Assert.Null(await store.GetRunbookTextAsync("hash-x", None));
        Assert.Null(await store.FindIncidentByConversationAsync(Surfaces.Slack, "C9", None));
        Assert.Equal("Checkout errors", (await store.GetIncidentAsync(stream, None))!.Title);
        Assert.Equal(head.Seal, await store.GetSealAsync(stream, None));
        // Neither the delivery id nor an incident number was used up.
        Assert.IsType<AppendOutcome.Appended>(await store.AppendAsync(stale with { ExpectedSeq = 2 }, None));
        Assert.Equal("INC-2", (await store.AppendAsync(Drafts.Declare(), None)).Appended().Stream);
    }

    [Fact]
    public async Task AppendAsync_AnySeq_AppendsAtTheEnd()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Notes("bot", 0, 2), None);

        // Act
        var appended = (await db.Store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1), None)).Appended();

        // Assert
        Assert.Equal(3, Assert.Single(appended.Events).Seq);
    }

    [Fact]
    public async Task AppendAsync_RetryAfterStreamMovedOn_ReturnsDuplicateNotConflict()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Notes("bot", 0, 1, deliveryId: "teams:activity-7"), None);
        await db.Store.AppendAsync(Drafts.Notes("bot", 1, 1), None);

        // Act
        var retry = await db.Store.AppendAsync(Drafts.Notes("bot", 0, 1, deliveryId: "teams:activity-7"), None);

        // Assert
        Assert.Equal(new AppendOutcome.Duplicate("bot"), retry);
        Assert.Equal(2, (await db.Store.ReadStreamAsync("bot", None)).Count);
    }

    [Fact]
    public async Task AppendAsync_RepeatedDeliveryId_IsDuplicateOfTheFirstStreamAndWritesNothing()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var first = (await db.Store.AppendAsync(Drafts.Declare("One", "slack:evt-1"), None)).Appended();
        var before = await db.CountAllAsync();

        // Act
        var again = await db.Store.AppendAsync(Drafts.Declare("One again", "slack:evt-1") with { Outbox = [Drafts.Notify("x")] }, None);
        var elsewhere = await db.Store.AppendAsync(Drafts.Notes(first.Stream, 1, 1, "slack:evt-1"), None);

        // Assert
        Assert.Equal(new AppendOutcome.Duplicate(first.Stream), again);
        Assert.Equal(new AppendOutcome.Duplicate(first.Stream), elsewhere);
        Assert.Equal(before, await db.CountAllAsync());
        Assert.Equal(first.Seal, await db.Store.GetSealAsync(first.Stream, None));
        // The duplicate's incident number was given back.
        Assert.Equal("INC-2", (await db.Store.AppendAsync(Drafts.Declare(), None)).Appended().Stream);
    }

    [Fact]
    public async Task AppendAsync_LowerCaseIncidentStream_AppendsToTheCanonicalStream()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Drafts.Declare(), None);

        // Act
        var appended = (await db.Store.AppendAsync(Drafts.Notes("inc-1", 1, 1), None)).Appended();

        // Assert
        Assert.Equal("INC-1", appended.Stream);
        Assert.Equal(2, (await db.Store.ReadStreamAsync("INC-1", None)).Count);
    }

    [Fact]
    public async Task AppendAsync_ChangeOnAnIncidentStream_IsRefused()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var misplaced = Drafts.Change("checkout", "v2", Drafts.T0) with { Stream = "INC-1", ExpectedSeq = 0 };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => db.Store.AppendAsync(misplaced, None));

        // Assert
        Assert.Contains("changes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.CountAsync("events"));
    }
}
