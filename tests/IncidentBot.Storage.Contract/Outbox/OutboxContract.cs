using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>Outbox rows written with appends and claimed by due time: the lease, the owner token, the done mark.</summary>
public abstract class OutboxContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AppendAsync_WithOutbox_StoresItemsWithCreationAndDueTimes()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var later = T0.AddMinutes(10);

        // Act
        await db.Store.AppendAsync(Declare() with
        {
            Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", """{"text":"declared"}"""), new OutboxDraft(OutboxKind.Job, "verify", "{}", later)],
        }, None);
        var notify = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None);
        var job = await db.Store.ReadOutboxAsync(OutboxKind.Job, "verify", 0, 10, None);

        // Assert
        Assert.Equal(new OutboxItem(1, "INC-1", OutboxKind.Notify, "slack", """{"text":"declared"}""", T0, T0, 0, null, null),
            Assert.Single(notify));
        Assert.Equal((2L, later, T0), (Assert.Single(job).Id, job[0].DueUtc, job[0].CreatedUtc));
    }

    [Fact]
    public async Task ClaimDueAsync_DueAndNotDue_ClaimsOnlyDueOfTheKindOldestFirstUnderOneToken()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Job("late", T0.AddMinutes(5)), Job("second", T0), Job("first", T0.AddMinutes(-1)), Notify("n", T0)] }, None);

        // Act
        var claimed = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);
        var whileHeld = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);
        var completed = await db.Store.CompleteAllAsync([.. claimed.Select(i => i.Claim!)], T0, None);
        var atTheirTime = await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(5), Lease, 10, None);

        // Assert
        Assert.Equal(["first", "second"], Texts(claimed));
        Assert.Single(claimed.Select(i => i.Claim!.Token).Distinct());
        Assert.All(claimed, i => Assert.Equal(T0 + Lease, i.Claim!.Until));
        Assert.Empty(whileHeld);
        Assert.Equal(2, completed);
        Assert.Equal(["late"], Texts(atTheirTime));
    }

    [Fact]
    public async Task ClaimDueAsync_UnfinishedClaim_ComesBackOnlyAfterTheLease()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await EnqueueAsync(db.Store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        // Act
        var duringLease = await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddSeconds(59), Lease, 10, None);
        var afterLease = await db.Store.ClaimDueAsync(OutboxKind.Job, T0 + Lease, Lease, 10, None);

        // Assert
        Assert.Empty(duringLease);
        Assert.Equal(1L, Assert.Single(afterLease).Id);
    }

    [Fact]
    public async Task CompleteAsync_HeldClaim_MarksDoneOnceAndNeverHandsItOutAgain()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Job("x", T0), Job("y", T0)] }, None);
        var item = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 1, None));

        // Act
        var completed = await db.Store.CompleteAsync(item.Claim!, T0.AddSeconds(5), None);
        var twice = await db.Store.CompleteAsync(item.Claim!, T0.AddSeconds(6), None);
        var muchLater = await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddDays(1), Lease, 10, None);

        // Assert
        Assert.True(completed);
        Assert.False(twice);
        Assert.Equal(["y"], Texts(muchLater));
        Assert.Equal(T0.AddSeconds(5), (await db.Store.ReadOutboxAsync(OutboxKind.Job, "execute", 0, 1, None))[0].DoneUtc);
    }

    [Fact]
    public async Task RescheduleAsync_FailedAttempts_CountAttemptsKeepTheErrorWaitForTheNewDueTimeAndEndTheClaim()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await EnqueueAsync(db.Store, new OutboxDraft(OutboxKind.Notify, "slack", "{}"));
        var item = (await db.Store.ClaimDueAsync(OutboxKind.Notify, T0, Lease, 1, None))[0];
        var retryAt = T0.AddSeconds(30);

        // Act
        var first = await db.Store.RescheduleAsync(item.Claim!, T0.AddSeconds(10), "429 rate_limited", None);
        var second = (await db.Store.ClaimDueAsync(OutboxKind.Notify, T0.AddSeconds(10), Lease, 1, None))[0];
        await db.Store.RescheduleAsync(second.Claim!, retryAt, "429 rate_limited again", None);
        var early = await db.Store.ClaimDueAsync(OutboxKind.Notify, retryAt.AddTicks(-1), Lease, 1, None);
        var onTime = await db.Store.ClaimDueAsync(OutboxKind.Notify, retryAt, Lease, 1, None);

        // Assert
        Assert.True(first);
        Assert.Equal((1, "429 rate_limited"), (second.Attempts, second.LastError));
        Assert.Empty(early);
        var again = Assert.Single(onTime);
        Assert.Equal((2, "429 rate_limited again", retryAt), (again.Attempts, again.LastError, again.DueUtc));
        Assert.False(await db.Store.CompleteAsync(item.Claim!, retryAt, None));
    }

    [Fact]
    public async Task EveryClaimOperation_UnknownItemOrForeignToken_ChangesNothing()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await EnqueueAsync(db.Store, new OutboxDraft(OutboxKind.Job, "verify", "{}"));
        var claimed = (await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 1, None))[0];
        var forged = claimed.Claim! with { Token = "not-the-owner" };

        // Act
        var unknown = await db.Store.CompleteAsync(new OutboxClaim(42, claimed.Claim!.Token, T0), T0, None);
        var results = new[]
        {
            await db.Store.CompleteAsync(forged, T0, None),
            await db.Store.RescheduleAsync(forged, T0, "x", None),
            await db.Store.ReleaseAsync(forged, None),
            await db.Store.ExtendAsync(forged, T0.AddHours(1), None),
        };
        var all = new[]
        {
            await db.Store.CompleteAllAsync([forged], T0, None),
            await db.Store.ReleaseAllAsync([forged], None),
            await db.Store.ExtendAllAsync([forged], T0.AddHours(1), None),
        };

        // Assert
        Assert.False(unknown);
        Assert.All(results, Assert.False);
        Assert.All(all, n => Assert.Equal(0, n));
        var item = Assert.Single(await db.Store.ReadOutboxAsync(OutboxKind.Job, "verify", 0, 10, None));
        Assert.Equal((null, 0), (item.DoneUtc, item.Attempts));
        Assert.Empty(await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddSeconds(59), Lease, 1, None));
        Assert.True(await db.Store.CompleteAsync(claimed.Claim!, T0, None));
    }

    [Fact]
    public async Task ClaimDueAsync_LiveLeaseOnAnotherNode_GetsNothingUntilItExpiresThenTakesItOverAndTheStaleTokenIsRefused()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Job("x", T0)] }, None);
        var dead = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None));

        // Act
        var whileLive = await other.ClaimDueAsync(OutboxKind.Job, T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, None);
        var taken = Assert.Single(await other.ClaimDueAsync(OutboxKind.Job, T0 + Lease, Lease, 10, None));

        // Assert
        Assert.Empty(whileLive);
        Assert.Equal(dead.Id, taken.Id);
        Assert.NotEqual(dead.Claim!.Token, taken.Claim!.Token);
        // The stale holder can no longer act on it; the new holder can.
        Assert.False(await db.Store.ExtendAsync(dead.Claim, T0.AddHours(1), None));
        Assert.False(await db.Store.CompleteAsync(dead.Claim, T0 + Lease, None));
        Assert.False(await db.Store.RescheduleAsync(dead.Claim, T0.AddHours(1), "late", None));
        Assert.False(await db.Store.ReleaseAsync(dead.Claim, None));
        Assert.Equal(0, await db.Store.CompleteAllAsync([dead.Claim], T0 + Lease, None));
        Assert.True(await other.CompleteAsync(taken.Claim, T0 + Lease, None));
    }

    private static Task<AppendOutcome> EnqueueAsync(IStoreNode store, params OutboxDraft[] drafts) =>
        store.AppendAsync(Notes("bot", AppendRequest.AnySeq, 1) with { Outbox = drafts }, None);
}
