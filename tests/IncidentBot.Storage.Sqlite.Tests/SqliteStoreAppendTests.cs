using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreAppendTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppendAsync_TwoEvents_ReadStreamReturnsExactlyWhatWasStored()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
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

    [Fact]
    public async Task AppendAsync_SeveralAppends_HashesChainAndVerifierAccepts()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var stream = (await store.AppendAsync(Drafts.Declare(), None)).Appended().Stream;

        // Act
        await store.AppendAsync(Drafts.Notes(stream, 1, 2), None);
        await store.AppendAsync(Drafts.Change("checkout", "v2", Drafts.T0), None);
        var events = await store.ReadStreamAsync(stream, None);
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(None), None);

        // Assert
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.Equal(EvidenceHasher.Genesis, events[0].PrevHash);
        Assert.Equal(events[0].Hash, events[1].PrevHash);
        Assert.Equal(events[1].Hash, events[2].PrevHash);
        Assert.All(events, e => Assert.Equal(EvidenceHasher.ComputeHash(e), e.Hash));
        Assert.Equal(new EvidenceVerificationReport(true, 2, 4, null), report);
    }

    [Fact]
    public async Task AppendAsync_NewStreams_AllocateIncidentNumbersInOrder()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();

        // Act
        var streams = new List<string>();
        for (var i = 0; i < 3; i++) streams.Add((await store.AppendAsync(Drafts.Declare(), None)).Appended().Stream);

        // Assert
        Assert.Equal(["INC-1", "INC-2", "INC-3"], streams);
        Assert.Equal([3, 2, 1], (await store.ListIncidentsAsync(true, None)).Select(i => i.Number));
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSeq_ReturnsConflictAndWritesNothing()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var stream = (await store.AppendAsync(Drafts.Declare(), None)).Appended().Stream;
        await store.AppendAsync(Drafts.Notes(stream, 1, 1), None);
        var stale = Drafts.Notes(stream, 1, 2, deliveryId: "slack:T1:abc") with
        {
            Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", "{}")],
            Runbook = new RunbookSnapshot("hash-x", "db-failover", "id: db-failover"),
            Incident = Drafts.Summary("renamed") with { Id = stream },
        };

        // Act
        var outcome = await store.AppendAsync(stale, None);

        // Assert
        Assert.Equal(new AppendOutcome.Conflict(2), outcome);
        Assert.Equal(2, (await store.ReadStreamAsync(stream, None)).Count);
        Assert.Equal(0, await db.ScalarRawAsync("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(0, await db.ScalarRawAsync("SELECT COUNT(*) FROM deliveries"));
        Assert.Null(await store.GetRunbookTextAsync("hash-x", None));
        Assert.Equal("Checkout errors", (await store.GetIncidentAsync(stream, None))!.Title);
        // The delivery id was not used up: the same request with the right ExpectedSeq now lands.
        Assert.IsType<AppendOutcome.Appended>(await store.AppendAsync(stale with { ExpectedSeq = 2 }, None));
    }

    [Fact]
    public async Task AppendAsync_AnySeq_AppendsAtTheEnd()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes("bot", 0, 2), None);

        // Act
        var appended = (await store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1), None)).Appended();

        // Assert
        Assert.Equal(3, Assert.Single(appended.Events).Seq);
    }

    [Fact]
    public async Task AppendAsync_RetryAfterStreamMovedOn_ReturnsDuplicateNotConflict()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Notes("bot", 0, 1, deliveryId: "teams:activity-7"), None);
        await store.AppendAsync(Drafts.Notes("bot", 1, 1), None);

        // Act
        var retry = await store.AppendAsync(Drafts.Notes("bot", 0, 1, deliveryId: "teams:activity-7"), None);

        // Assert
        Assert.Equal(new AppendOutcome.Duplicate("bot"), retry);
        Assert.Equal(2, (await store.ReadStreamAsync("bot", None)).Count);
    }

    [Fact]
    public async Task AppendAsync_LowerCaseIncidentStream_AppendsToTheCanonicalStream()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare(), None);

        // Act
        var appended = (await store.AppendAsync(Drafts.Notes("inc-1", 1, 1), None)).Appended();

        // Assert
        Assert.Equal("INC-1", appended.Stream);
        Assert.Equal(2, (await store.ReadStreamAsync("INC-1", None)).Count);
    }

    [Fact]
    public async Task AppendAsync_ChangeOnAnIncidentStream_IsRefused()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var misplaced = Drafts.Change("checkout", "v2", Drafts.T0) with { Stream = "INC-1", ExpectedSeq = 0 };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(misplaced, None));

        // Assert
        Assert.Contains("changes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarRawAsync("SELECT COUNT(*) FROM events"));
    }
}
