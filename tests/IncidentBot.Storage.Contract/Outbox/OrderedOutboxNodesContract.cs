using System.Collections.Concurrent;
using System.Globalization;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>
/// <see cref="IOutbox.ClaimStreamRunsAsync"/> across two nodes: a stream's run waits for a retrying head or a row another
/// node holds, a dead node's run is taken over whole, and two nodes claiming at once keep each stream in order.
/// </summary>
public abstract class OrderedOutboxNodesContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

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
