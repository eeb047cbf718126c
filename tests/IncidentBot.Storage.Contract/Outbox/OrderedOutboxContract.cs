using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>
/// <see cref="IOutbox.ClaimStreamRunsAsync"/> on one node: per stream, the oldest unfinished rows in order under one
/// claim, never overtaking a row that waits or is held. Across two nodes: <see cref="OrderedOutboxNodesContract"/>.
/// </summary>
public abstract class OrderedOutboxContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ClaimStreamRunsAsync_OnePerStream_TwoStreams_ClaimsOnlyTheOldestUnfinishedItemOfEach()
    {
        // Arrange: INC-1 has notify rows a1 and a2; INC-2 has b1; a job row of INC-1 must not interfere.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Notify("a1"), Notify("a2"), Job("j")] }, None);
        await db.Store.AppendAsync(Declare("b") with { Outbox = [Notify("b1")] }, None);

        // Act
        var first = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None);
        var again = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None);

        // Assert
        Assert.Equal(["a1", "b1"], Texts(first));
        Assert.Empty(again);
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_TwoStreams_ClaimsEveryPendingItemOfEachInOrderUnderOneToken()
    {
        // Arrange: INC-1 has notify rows a1..a3 (and a job, and a row for another surface); INC-2 has b1, b2.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Notify("a1"), Notify("a2"), Job("j"), Notify("t1", target: "teams")] }, None);
        await db.Store.AppendAsync(Declare("Second") with { Outbox = [Notify("b1")] }, None);
        await db.Store.AppendAsync(Notes("INC-1", 1, 1) with { Outbox = [Notify("a3")] }, None);
        await db.Store.AppendAsync(Notes("INC-2", 1, 1) with { Outbox = [Notify("b2")] }, None);

        // Act
        var runs = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 100, None);
        var again = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 100, None);

        // Assert
        Assert.Equal(["a1", "a2", "b1", "a3", "b2"], Texts(runs));
        Assert.Single(runs.Select(i => i.Claim!.Token).Distinct());
        Assert.All(runs, i => Assert.Equal(T0 + Lease, i.Claim!.Until));
        Assert.Empty(again); // all held
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_CapsPerStreamAndStreams_TheRestFollowsOnlyAfterTheRunIsDone()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        await db.Store.AppendAsync(Declare("Second") with { Outbox = [Notify("b1")] }, None);

        // Act
        var first = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 1, 2, None);
        var whileHeld = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 2, None);
        var completed = await db.Store.CompleteAllAsync([.. first.Select(i => i.Claim!)], T0, None);
        var next = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 2, None);

        // Assert: a3 never overtakes a1, a2; b1 is not held back by them.
        Assert.Equal(["a1", "a2"], Texts(first));
        Assert.Equal(["b1"], Texts(whileHeld));
        Assert.Equal(2, completed);
        Assert.Equal(["a3"], Texts(next));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_HeadRescheduledRestReleased_NothingUntilTheHeadIsDueThenTheWholeRun()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        var run = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 100, None);

        // Act: a1 must wait (Retry-After); the others follow it.
        var rescheduled = await db.Store.RescheduleAsync(run[0].Claim!, T0.AddMinutes(5), "ratelimited", None);
        var released = await db.Store.ReleaseAllAsync([.. run.Skip(1).Select(i => i.Claim!)], None);
        var meanwhile = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(1), Lease, 10, 100, None);
        var later = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(5), Lease, 10, 100, None);

        // Assert
        Assert.True(rescheduled);
        Assert.Equal(2, released);
        Assert.Empty(meanwhile);
        Assert.Equal(["a1", "a2", "a3"], Texts(later));
        Assert.Equal([1, 0, 0], later.Select(i => i.Attempts));
    }

    [Fact]
    public async Task CompleteAllAsync_StaleAndLiveClaims_CompletesOnlyTheLiveOnes()
    {
        // Arrange: the first claim ran out and the rows were claimed again.
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Declare() with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        var stale = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 100, None);
        var live = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0 + Lease, Lease, 10, 100, None);

        // Act
        var byStale = await db.Store.CompleteAllAsync([.. stale.Select(i => i.Claim!)], T0, None);
        var extended = await db.Store.ExtendAllAsync([.. live.Select(i => i.Claim!)], T0 + (Lease * 3), None);
        var byLive = await db.Store.CompleteAllAsync([.. live.Select(i => i.Claim!)], T0, None);

        // Assert
        Assert.Equal(0, byStale);
        Assert.Equal(2, extended);
        Assert.Equal(2, byLive);
        Assert.All(await db.Store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None), i => Assert.NotNull(i.DoneUtc));
    }
}
