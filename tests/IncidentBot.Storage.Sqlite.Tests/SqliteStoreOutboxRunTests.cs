using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Sqlite.Tests.Support;

namespace IncidentBot.Storage.Sqlite.Tests;

public sealed class SqliteStoreOutboxRunTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ClaimStreamRunsAsync_TwoStreams_ClaimsEveryPendingItemOfEachInOrderUnderOneToken()
    {
        // Arrange: INC-1 has notify rows a1..a3 (and a job, and a row for another surface); INC-2 has b1, b2.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), new OutboxDraft(OutboxKind.Job, "execute", "{}"), Notify("t1", "teams")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1")] }, None);
        await store.AppendAsync(Drafts.Notes("INC-1", 1, 1) with { Outbox = [Notify("a3")] }, None);
        await store.AppendAsync(Drafts.Notes("INC-2", 1, 1) with { Outbox = [Notify("b2")] }, None);

        // Act
        var runs = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);
        var again = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);

        // Assert
        Assert.Equal(["a1", "a2", "b1", "a3", "b2"], Texts(runs));
        Assert.Single(runs.Select(i => i.Claim!.Token).Distinct());
        Assert.Empty(again); // all held
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_CapsPerStreamAndStreams_TheRestFollowsOnlyAfterTheRunIsDone()
    {
        // Arrange
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        await store.AppendAsync(Drafts.Declare("Second") with { Outbox = [Notify("b1")] }, None);

        // Act
        var first = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 1, 2, None);
        var whileHeld = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 2, None);
        var completed = await store.CompleteAllAsync([.. first.Select(i => i.Claim!)], Drafts.T0, None);
        var next = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 2, None);

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
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        var run = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);

        // Act: a1 must wait (Retry-After); the others follow it.
        Assert.True(await store.RescheduleAsync(run[0].Claim!, Drafts.T0.AddMinutes(5), "ratelimited", None));
        Assert.Equal(2, await store.ReleaseAllAsync([.. run.Skip(1).Select(i => i.Claim!)], None));
        var meanwhile = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0.AddMinutes(1), Lease, 10, 100, None);
        var later = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0.AddMinutes(5), Lease, 10, 100, None);

        // Assert
        Assert.Empty(meanwhile);
        Assert.Equal(["a1", "a2", "a3"], Texts(later));
        Assert.Equal(1, later[0].Attempts);
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_ARowHeldByAnotherClaim_TheRunStopsBeforeIt()
    {
        // Arrange: a2 is held by a live claim (a worker that took it earlier); a1 before it is free again.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        var all = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);
        Assert.Equal(1, await store.ReleaseAllAsync([all[0].Claim!], None));

        // Act
        var run = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);

        // Assert
        Assert.Equal(["a1"], Texts(run));
    }

    [Fact]
    public async Task CompleteAllAsync_StaleAndLiveClaims_CompletesOnlyTheLiveOnes()
    {
        // Arrange: the first claim ran out and the rows were claimed again.
        await using var db = TestDatabase.Create();
        var store = await db.OpenStoreAsync();
        await store.AppendAsync(Drafts.Declare() with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        var stale = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0, Lease, 10, 100, None);
        var live = await store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", Drafts.T0 + Lease, Lease, 10, 100, None);

        // Act
        var byStale = await store.CompleteAllAsync([.. stale.Select(i => i.Claim!)], Drafts.T0, None);
        var extended = await store.ExtendAllAsync([.. live.Select(i => i.Claim!)], Drafts.T0 + (Lease * 3), None);
        var byLive = await store.CompleteAllAsync([.. live.Select(i => i.Claim!)], Drafts.T0, None);

        // Assert
        Assert.Equal(0, byStale);
        Assert.Equal(2, extended);
        Assert.Equal(2, byLive);
        Assert.All(await store.ReadOutboxAsync(OutboxKind.Notify, "slack", 0, 10, None), i => Assert.NotNull(i.DoneUtc));
    }

    private static string[] Texts(IEnumerable<OutboxItem> items) => [.. items.Select(i => i.PayloadJson.Trim('"'))];

    private static OutboxDraft Notify(string text, string surface = "slack") => new(OutboxKind.Notify, surface, $"\"{text}\"");
}
