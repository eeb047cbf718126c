using System.Collections.Concurrent;
using System.Globalization;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>
/// <see cref="IOutbox.ClaimStreamRunsAsync"/>: per stream, the oldest unfinished rows in order under one claim, never
/// overtaking a row that waits or is held, never two runs of one stream at once.
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
    public async Task ClaimStreamRunsAsync_HeadWaitingForRetry_HoldsBackOnlyItsOwnStream()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        await db.Store.AppendAsync(Declare("b") with { Outbox = [Notify("b1"), Notify("b2")] }, None);
        var heads = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None);
        await db.Store.RescheduleAsync(heads[0].Claim!, T0.AddMinutes(5), "HTTP 500", None); // a1 fails: retry later
        await db.Store.CompleteAsync(heads[1].Claim!, T0, None);                             // b1 delivered

        // Act
        var meanwhile = await other.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(1), Lease, 10, 5, None);
        await other.CompleteAsync(meanwhile[0].Claim!, T0.AddMinutes(1), None);
        var afterRetry = await other.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(5), Lease, 10, 5, None);

        // Assert: a2 never overtakes a1; b2 is not held back by a1.
        Assert.Equal(["b2"], Texts(meanwhile));
        Assert.Equal(["a1", "a2"], Texts(afterRetry));
        Assert.Equal((1, "HTTP 500"), (afterRetry[0].Attempts, afterRetry[0].LastError));
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
    public async Task ClaimStreamRunsAsync_LaterItemHeldByAnotherNode_RunStopsBeforeIt()
    {
        // Arrange: a2 and a3 are held by a live claim of the first node; a1 before them is free again.
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Notify("a1"), Notify("a2"), Notify("a3")] }, None);
        var run = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 3, None);
        Assert.True(await db.Store.ReleaseAsync(run[0].Claim!, None));

        // Act
        var next = await other.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 3, None);

        // Assert
        Assert.Equal(["a1"], Texts(next));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_DeadNodesRun_TakenOverWholeOnceItsLeaseRunsOut()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Notify("a1"), Notify("a2")] }, None);
        var dead = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 5, None);

        // Act
        var whileLive = await other.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddSeconds(59), Lease, 10, 5, None);
        var taken = await other.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0 + Lease, Lease, 10, 5, None);

        // Assert
        Assert.Empty(whileLive);
        Assert.Equal(["a1", "a2"], Texts(taken));
        Assert.Equal(0, await db.Store.CompleteAllAsync([.. dead.Select(i => i.Claim!)], T0 + Lease, None));
        Assert.Equal(0, await db.Store.ExtendAllAsync([.. dead.Select(i => i.Claim!)], T0.AddHours(1), None));
        Assert.Equal(0, await db.Store.ReleaseAllAsync([.. dead.Select(i => i.Claim!)], None));
        Assert.Equal(2, await other.CompleteAllAsync([.. taken.Select(i => i.Claim!)], T0 + Lease, None));
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

    [Fact]
    public async Task ClaimStreamRunsAsync_TwoNodesAtOnce_NeverHoldTwoRunsOfOneStreamAndDeliverEachStreamInOrder()
    {
        // Arrange
        const int Incidents = 8, PerIncident = 12;
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        for (var n = 0; n < Incidents; n++)
            await db.Store.AppendAsync(Declare($"i{n}") with { Outbox = [.. Enumerable.Range(1, PerIncident).Select(i => Notify($"{i}"))] }, None);
        var holders = new ConcurrentDictionary<string, int>();
        var delivered = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var overlaps = 0;
        var total = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var workers = nodes.Select((node, me) => Task.Run(async () =>
        {
            await go.Task;
            while (Volatile.Read(ref total) < Incidents * PerIncident)
            {
                var run = await node.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, TimeSpan.FromHours(1), 3, 4, None);
                if (run.Count == 0)
                {
                    await Task.Yield();
                    continue;
                }
                foreach (var stream in run.Select(i => i.Stream).Distinct())
                    if (!holders.TryAdd(stream, me)) Interlocked.Increment(ref overlaps);
                foreach (var item in run)
                    delivered.GetOrAdd(item.Stream, _ => new ConcurrentQueue<int>()).Enqueue(int.Parse(Text(item), CultureInfo.InvariantCulture));
                // Let go of the streams before the commit that lets the other node claim them.
                foreach (var stream in run.Select(i => i.Stream).Distinct()) holders.TryRemove(stream, out _);
                Assert.Equal(run.Count, await node.CompleteAllAsync([.. run.Select(i => i.Claim!)], T0, None));
                Interlocked.Add(ref total, run.Count);
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        // Assert
        Assert.Equal(0, overlaps);
        Assert.Equal(Incidents, delivered.Count);
        Assert.All(delivered.Values, d => Assert.Equal(Enumerable.Range(1, PerIncident), d));
    }
}
