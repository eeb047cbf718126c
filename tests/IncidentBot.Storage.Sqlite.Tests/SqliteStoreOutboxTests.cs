using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AppendAsync_WithOutbox_StoresItemsWithCreationAndDueTimes()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        var later = Drafts.T0.AddMinutes(10);

        // Act
        await store.AppendAsync(Drafts.Declare() with
        {
            Outbox = [new OutboxDraft("notify", "slack", """{"text":"declared"}"""), new OutboxDraft("job", "verify", "{}", later)],
        }, None);
        var notify = await store.ReadAfterAsync("notify", "slack", 0, 10, None);
        var job = await store.ReadAfterAsync("job", "verify", 0, 10, None);

        // Assert
        Assert.Equal(new OutboxItem(1, "INC-1", "notify", "slack", """{"text":"declared"}""", Drafts.T0, Drafts.T0, 0, null, null),
            Assert.Single(notify));
        Assert.Equal(later, Assert.Single(job).DueUtc);
    }

    [Fact]
    public async Task ClaimDueAsync_ItemNotYetDue_IsNotClaimedUntilItsTime()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft("job", "verify", "{}", Drafts.T0.AddMinutes(10)),
            new OutboxDraft("job", "verify", "{}"), new OutboxDraft("notify", "slack", "{}"));

        // Act
        var now = await store.ClaimDueAsync("job", Drafts.T0, Lease, 10, None);
        await store.CompleteAsync(now[0].Id, Drafts.T0, None);
        var later = await store.ClaimDueAsync("job", Drafts.T0.AddMinutes(10), Lease, 10, None);

        // Assert
        Assert.Equal([2L], now.Select(i => i.Id));
        Assert.Equal([1L], later.Select(i => i.Id));
    }

    [Fact]
    public async Task ClaimDueAsync_UnfinishedClaim_ComesBackOnlyAfterTheLease()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft("job", "verify", "{}"));
        await store.ClaimDueAsync("job", Drafts.T0, Lease, 10, None);

        // Act
        var duringLease = await store.ClaimDueAsync("job", Drafts.T0.AddSeconds(59), Lease, 10, None);
        var afterLease = await store.ClaimDueAsync("job", Drafts.T0 + Lease, Lease, 10, None);

        // Assert
        Assert.Empty(duringLease);
        Assert.Equal(1L, Assert.Single(afterLease).Id);
    }

    [Fact]
    public async Task ClaimDueAsync_CompletedItem_NeverComesBack()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft("job", "verify", "{}"), new OutboxDraft("job", "verify", "{}"));
        var claimed = await store.ClaimDueAsync("job", Drafts.T0, Lease, 1, None);
        await store.CompleteAsync(claimed[0].Id, Drafts.T0.AddSeconds(5), None);

        // Act
        var muchLater = await store.ClaimDueAsync("job", Drafts.T0.AddDays(1), Lease, 10, None);

        // Assert
        Assert.Equal([2L], muchLater.Select(i => i.Id));
        Assert.Equal(Drafts.T0.AddSeconds(5), (await store.ReadAfterAsync("job", "verify", 0, 1, None))[0].DoneUtc);
    }

    [Fact]
    public async Task RescheduleAsync_FailedAttempt_CountsAttemptKeepsErrorAndWaitsForNewDueTime()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft("notify", "slack", "{}"));
        var item = (await store.ClaimDueAsync("notify", Drafts.T0, Lease, 1, None))[0];
        var retryAt = Drafts.T0.AddSeconds(30);

        // Act
        await store.RescheduleAsync(item.Id, retryAt, "429 rate_limited", None);
        await store.RescheduleAsync(item.Id, retryAt, "429 rate_limited again", None);
        var early = await store.ClaimDueAsync("notify", retryAt.AddTicks(-1), Lease, 1, None);
        var onTime = await store.ClaimDueAsync("notify", retryAt, Lease, 1, None);

        // Assert
        Assert.Empty(early);
        var again = Assert.Single(onTime);
        Assert.Equal((2, "429 rate_limited again", retryAt), (again.Attempts, again.LastError, again.DueUtc));
    }

    [Fact]
    public async Task CompleteAsync_UnknownId_Throws()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();

        // Act + Assert
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.CompleteAsync(42, Drafts.T0, None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RescheduleAsync(42, Drafts.T0, "x", None));
    }

    [Fact]
    public async Task ReadAfterAsync_PagesById_OnlyForKindAndTarget()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, [.. Enumerable.Range(0, 5).Select(i => new OutboxDraft("notify", i == 2 ? "slack" : "console", $$"""{"i":{{i}}}"""))]);
        await store.CompleteAsync(1, Drafts.T0, None);

        // Act
        var page1 = await store.ReadAfterAsync("notify", "console", 0, 2, None);
        var page2 = await store.ReadAfterAsync("notify", "console", page1[^1].Id, 2, None);
        var page3 = await store.ReadAfterAsync("notify", "console", page2[^1].Id, 2, None);

        // Assert
        Assert.Equal([1L, 2L], page1.Select(i => i.Id));
        Assert.Equal([4L, 5L], page2.Select(i => i.Id));
        Assert.Empty(page3);
    }

    private static Task<AppendOutcome> EnqueueAsync(SqliteStore store, params OutboxDraft[] drafts) =>
        store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Outbox = drafts }, None);
}
