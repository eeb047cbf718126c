using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
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
            Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", """{"text":"declared"}"""), new OutboxDraft(OutboxKind.Job, "verify", "{}", later)],
        }, None);
        var notify = await store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None);
        var job = await store.ReadOutboxAsync(OutboxKind.Job, "verify", 0, 10, None);

        // Assert
        Assert.Equal(new OutboxItem(1, "INC-1", OutboxKind.Notify, "slack", """{"text":"declared"}""", Drafts.T0, Drafts.T0, 0, null, null),
            Assert.Single(notify));
        Assert.Equal(later, Assert.Single(job).DueUtc);
    }

    [Fact]
    public async Task ClaimDueAsync_ItemNotYetDue_IsNotClaimedUntilItsTime()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}", Drafts.T0.AddMinutes(10)),
            new OutboxDraft(OutboxKind.Job, "verify", "{}"), new OutboxDraft(OutboxKind.Notify, "slack", "{}"));

        // Act
        var now = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 10, None);
        await store.CompleteAsync(now[0].Claim!, Drafts.T0, None);
        var later = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0.AddMinutes(10), Lease, 10, None);

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
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 10, None);

        // Act
        var duringLease = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0.AddSeconds(59), Lease, 10, None);
        var afterLease = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0 + Lease, Lease, 10, None);

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
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"), new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var claimed = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 1, None);
        await store.CompleteAsync(claimed[0].Claim!, Drafts.T0.AddSeconds(5), None);

        // Act
        var muchLater = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0.AddDays(1), Lease, 10, None);

        // Assert
        Assert.Equal([2L], muchLater.Select(i => i.Id));
        Assert.Equal(Drafts.T0.AddSeconds(5), (await store.ReadOutboxAsync(OutboxKind.Job, "verify", 0, 1, None))[0].DoneUtc);
    }

    [Fact]
    public async Task RescheduleAsync_FailedAttempt_CountsAttemptKeepsErrorAndWaitsForNewDueTime()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Notify, "slack", "{}"));
        var item = (await store.ClaimDueAsync(OutboxKind.Notify, Drafts.T0, Lease, 1, None))[0];
        var retryAt = Drafts.T0.AddSeconds(30);

        // Act
        await store.RescheduleAsync(item.Claim!, Drafts.T0.AddSeconds(10), "429 rate_limited", None);
        var second = (await store.ClaimDueAsync(OutboxKind.Notify, Drafts.T0.AddSeconds(10), Lease, 1, None))[0];
        await store.RescheduleAsync(second.Claim!, retryAt, "429 rate_limited again", None);
        var early = await store.ClaimDueAsync(OutboxKind.Notify, retryAt.AddTicks(-1), Lease, 1, None);
        var onTime = await store.ClaimDueAsync(OutboxKind.Notify, retryAt, Lease, 1, None);

        // Assert
        Assert.Empty(early);
        var again = Assert.Single(onTime);
        Assert.Equal((2, "429 rate_limited again", retryAt), (again.Attempts, again.LastError, again.DueUtc));
    }

    [Fact]
    public async Task CompleteAsync_UnknownItemOrForeignToken_ChangesNothing()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var claimed = (await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 1, None))[0];
        var forged = claimed.Claim! with { Token = "not-the-owner" };

        // Act
        var unknown = await store.CompleteAsync(new OutboxClaim(42, claimed.Claim!.Token, Drafts.T0), Drafts.T0, None);
        var foreignComplete = await store.CompleteAsync(forged, Drafts.T0, None);
        var foreignReschedule = await store.RescheduleAsync(forged, Drafts.T0, "x", None);
        var foreignRelease = await store.ReleaseAsync(forged, None);

        // Assert
        Assert.False(unknown);
        Assert.False(foreignComplete);
        Assert.False(foreignReschedule);
        Assert.False(foreignRelease);
        var item = Assert.Single(await store.ReadOutboxAsync(OutboxKind.Job, "verify", 0, 10, None));
        Assert.Equal((null, 0), (item.DoneUtc, item.Attempts));
        Assert.True(await store.CompleteAsync(claimed.Claim!, Drafts.T0, None));
    }

    [Fact]
    public async Task CompleteAsync_ClaimExpiredAndTakenByAnother_StaleHolderCannotComplete()
    {
        // Arrange: worker A's lease runs out mid-work; worker B claims the item.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var a = (await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 1, None))[0];
        var b = (await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0 + Lease, Lease, 1, None))[0];

        // Act
        var staleExtend = await store.ExtendAsync(a.Claim!, Drafts.T0 + Lease + Lease, None);
        var staleComplete = await store.CompleteAsync(a.Claim!, Drafts.T0 + Lease, None);
        var ownerComplete = await store.CompleteAsync(b.Claim!, Drafts.T0 + Lease, None);

        // Assert
        Assert.NotEqual(a.Claim!.Token, b.Claim!.Token);
        Assert.False(staleExtend);
        Assert.False(staleComplete);
        Assert.True(ownerComplete);
    }

    [Fact]
    public async Task ReleaseAsync_HeldClaim_ItemIsClaimableAtOnceWithoutCountingAnAttempt()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var claimed = (await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 1, None))[0];

        // Act
        var released = await store.ReleaseAsync(claimed.Claim!, None);
        var again = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0.AddSeconds(1), Lease, 1, None);

        // Assert
        Assert.True(released);
        Assert.Equal(0, Assert.Single(again).Attempts);
    }

    [Fact]
    public async Task ExtendAsync_HeldClaim_KeepsOthersOutUntilTheNewExpiry()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var claimed = (await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0, Lease, 1, None))[0];

        // Act
        var extended = await store.ExtendAsync(claimed.Claim!, Drafts.T0 + Lease + Lease, None);
        var atOldExpiry = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0 + Lease, Lease, 1, None);
        var atNewExpiry = await store.ClaimDueAsync(OutboxKind.Job, Drafts.T0 + Lease + Lease, Lease, 1, None);

        // Assert
        Assert.True(extended);
        Assert.Empty(atOldExpiry);
        Assert.Single(atNewExpiry);
    }

    [Fact]
    public async Task ReadOutboxAsync_PagesById_OnlyForKindAndTarget()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await EnqueueAsync(store, [.. Enumerable.Range(0, 5).Select(i => new OutboxDraft(OutboxKind.Notify, i == 2 ? "slack" : "console", $$"""{"i":{{i}}}"""))]);
        await store.CompleteAsync((await store.ClaimDueAsync(OutboxKind.Notify, Drafts.T0, Lease, 1, None))[0].Claim!, Drafts.T0, None);

        // Act
        var page1 = await store.ReadOutboxAsync(OutboxKind.Notify, "console", 0, 2, None);
        var page2 = await store.ReadOutboxAsync(OutboxKind.Notify, "console", page1[^1].Id, 2, None);
        var page3 = await store.ReadOutboxAsync(OutboxKind.Notify, "console", page2[^1].Id, 2, None);

        // Assert
        Assert.Equal([1L, 2L], page1.Select(i => i.Id));
        Assert.Equal([4L, 5L], page2.Select(i => i.Id));
        Assert.Empty(page3);
    }

    private static Task<AppendOutcome> EnqueueAsync(SqliteStore store, params OutboxDraft[] drafts) =>
        store.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 1) with { Outbox = drafts }, None);
}
