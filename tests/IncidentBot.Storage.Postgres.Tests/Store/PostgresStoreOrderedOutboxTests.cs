using System.Collections.Concurrent;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Postgres.Tests.Support;
using static IncidentBot.Storage.Postgres.Tests.Store.PostgresStoreOutboxTests;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreOrderedOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset T0 = Requests.At;

    [Fact]
    public async Task ClaimStreamRunsAsync_OnePerStream_TwoStreams_ClaimsOnlyTheOldestUnfinishedItemOfEach()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Notify("a1", T0), Notify("a2", T0), Job("j", T0)] }, None);
        await db.Store.AppendAsync(Requests.NewIncident("b") with { Outbox = [Notify("b1", T0)] }, None);

        var first = await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None);

        Assert.Equal(["a1", "b1"], first.Select(Text));
        Assert.Empty(await db.Store.ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_HeadWaitingForRetry_HoldsBackOnlyItsOwnStream()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Notify("a1", T0), Notify("a2", T0)] }, None);
        await db.Store.AppendAsync(Requests.NewIncident("b") with { Outbox = [Notify("b1", T0), Notify("b2", T0)] }, None);
        var heads = await db.Nodes[0].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 1, None);
        await db.Nodes[0].RescheduleAsync(heads[0].Claim!, T0.AddMinutes(5), "HTTP 500", None);
        await db.Nodes[0].CompleteAsync(heads[1].Claim!, T0, None);

        var meanwhile = await db.Nodes[1].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(1), Lease, 10, 5, None);
        await db.Nodes[1].CompleteAsync(meanwhile[0].Claim!, T0.AddMinutes(1), None);
        var afterRetry = await db.Nodes[1].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddMinutes(5), Lease, 10, 5, None);

        Assert.Equal(["b2"], meanwhile.Select(Text));
        Assert.Equal(["a1", "a2"], afterRetry.Select(Text));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_LaterItemHeldByAnotherNode_RunStopsBeforeIt()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Notify("a1", T0), Notify("a2", T0), Notify("a3", T0)] }, None);
        var run = await db.Nodes[0].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 3, None);
        Assert.True(await db.Nodes[0].ReleaseAsync(run[0].Claim!, None));

        var next = await db.Nodes[1].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 3, None);

        Assert.Equal(["a1"], next.Select(Text));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_DeadNodesRun_TakenOverWholeOnceItsLeaseRunsOut()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Notify("a1", T0), Notify("a2", T0)] }, None);
        var dead = await db.Nodes[0].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0, Lease, 10, 5, None);

        var whileLive = await db.Nodes[1].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0.AddSeconds(59), Lease, 10, 5, None);
        var taken = await db.Nodes[1].ClaimStreamRunsAsync(OutboxKind.Notify, "slack", T0 + Lease, Lease, 10, 5, None);

        Assert.Empty(whileLive);
        Assert.Equal(["a1", "a2"], taken.Select(Text));
        Assert.Equal(0, await db.Nodes[0].CompleteAllAsync([.. dead.Select(i => i.Claim!)], T0 + Lease, None));
    }

    [Fact]
    public async Task ClaimStreamRunsAsync_TwoNodesAtOnce_NeverHoldTwoRunsOfOneStreamAndDeliverEachStreamInOrder()
    {
        const int Incidents = 8, PerIncident = 12;
        await using var db = await StoreNodes.StartAsync(count: 2);
        for (var n = 0; n < Incidents; n++)
        {
            await db.Store.AppendAsync(Requests.NewIncident($"i{n}") with
            {
                Outbox = [.. Enumerable.Range(1, PerIncident).Select(i => Notify($"{i}", T0))],
            }, None);
        }
        var holders = new ConcurrentDictionary<string, int>();
        var delivered = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var overlaps = 0;
        var total = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = db.Nodes.Select((node, me) => Task.Run(async () =>
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
                    delivered.GetOrAdd(item.Stream, _ => new ConcurrentQueue<int>()).Enqueue(int.Parse(Text(item), System.Globalization.CultureInfo.InvariantCulture));
                // Let go of the streams before the commit that lets the other node claim them.
                foreach (var stream in run.Select(i => i.Stream).Distinct()) holders.TryRemove(stream, out _);
                Assert.Equal(run.Count, await node.CompleteAllAsync([.. run.Select(i => i.Claim!)], T0, None));
                Interlocked.Add(ref total, run.Count);
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, overlaps);
        Assert.Equal(Incidents, delivered.Count);
        Assert.All(delivered.Values, d => Assert.Equal(Enumerable.Range(1, PerIncident), d));
    }
}
