using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset T0 = Requests.At;

    [Fact]
    public async Task ClaimDueAsync_DueAndNotDue_ClaimsOnlyDueOfTheKindOldestFirstUnderOneToken()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a") with
        {
            Outbox = [Job("late", T0.AddMinutes(5)), Job("second", T0), Job("first", T0.AddMinutes(-1)), Notify("n", T0)],
        }, None);

        var claimed = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        Assert.Equal(["first", "second"], claimed.Select(Text));
        Assert.Single(claimed.Select(i => i.Claim!.Token).Distinct());
        Assert.All(claimed, i => Assert.Equal(T0 + Lease, i.Claim!.Until));
        Assert.Empty(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None));
    }

    [Fact]
    public async Task CompleteAsync_HeldClaim_MarksDoneOnceAndNeverHandsItOutAgain()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Job("x", T0)] }, None);
        var item = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None));

        Assert.True(await db.Store.CompleteAsync(item.Claim!, T0, None));

        Assert.False(await db.Store.CompleteAsync(item.Claim!, T0, None));
        Assert.Empty(await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddHours(1), Lease, 10, None));
        var stored = Assert.Single(await db.Store.ReadOutboxAsync(OutboxKind.Job, "execute", 0, 10, None));
        Assert.Equal(T0, stored.DoneUtc);
    }

    [Fact]
    public async Task ClaimDueAsync_LiveLeaseOnAnotherNode_GetsNothingUntilItExpiresThenTakesItOver()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Job("x", T0)] }, None);
        var dead = Assert.Single(await db.Nodes[0].ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None));

        var whileLive = await db.Nodes[1].ClaimDueAsync(OutboxKind.Job, T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, None);
        var taken = Assert.Single(await db.Nodes[1].ClaimDueAsync(OutboxKind.Job, T0 + Lease, Lease, 10, None));

        Assert.Empty(whileLive);
        Assert.Equal(dead.Id, taken.Id);
        Assert.NotEqual(dead.Claim!.Token, taken.Claim!.Token);
        // The stale holder can no longer act on it; the new holder can.
        Assert.False(await db.Nodes[0].CompleteAsync(dead.Claim, T0 + Lease, None));
        Assert.False(await db.Nodes[0].RescheduleAsync(dead.Claim, T0.AddHours(1), "late", None));
        Assert.False(await db.Nodes[0].ExtendAsync(dead.Claim, T0.AddHours(1), None));
        Assert.False(await db.Nodes[0].ReleaseAsync(dead.Claim, None));
        Assert.Equal(0, await db.Nodes[0].CompleteAllAsync([dead.Claim], T0 + Lease, None));
        Assert.True(await db.Nodes[1].CompleteAsync(taken.Claim, T0 + Lease, None));
    }

    [Fact]
    public async Task RescheduleAsync_HeldClaim_CountsTheAttemptKeepsTheErrorAndWaitsForTheNewDueTime()
    {
        await using var db = await StoreNodes.StartAsync();
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Job("x", T0)] }, None);
        var item = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None));

        Assert.True(await db.Store.RescheduleAsync(item.Claim!, T0.AddMinutes(10), "HTTP 503", None));

        Assert.Empty(await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(9), Lease, 10, None));
        var again = Assert.Single(await db.Store.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(10), Lease, 10, None));
        Assert.Equal((1, "HTTP 503", T0.AddMinutes(10)), (again.Attempts, again.LastError, again.DueUtc));
        Assert.False(await db.Store.CompleteAsync(item.Claim!, T0.AddMinutes(10), None));
    }

    [Fact]
    public async Task ReleaseAsync_HeldClaim_ClaimableAtOnceWithoutCountingAnAttempt()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Job("x", T0), Job("y", T0)] }, None);
        var items = await db.Nodes[0].ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        Assert.Equal(2, await db.Nodes[0].ReleaseAllAsync([.. items.Select(i => i.Claim!)], None));

        var again = await db.Nodes[1].ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);
        Assert.Equal(["x", "y"], again.Select(Text));
        Assert.All(again, i => Assert.Equal(0, i.Attempts));
    }

    [Fact]
    public async Task ExtendAsync_HeldClaim_KeepsOtherNodesOffPastTheFirstLease()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with { Outbox = [Job("x", T0), Job("y", T0)] }, None);
        var items = await db.Nodes[0].ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        Assert.True(await db.Nodes[0].ExtendAsync(items[0].Claim!, T0.AddMinutes(5), None));
        Assert.Equal(1, await db.Nodes[0].ExtendAllAsync([items[1].Claim!], T0.AddMinutes(3), None));

        Assert.Empty(await db.Nodes[1].ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(2), Lease, 10, None));
        Assert.Equal(["y"], (await db.Nodes[1].ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(4), Lease, 10, None)).Select(Text));
        Assert.Equal(1, await db.Nodes[0].CompleteAllAsync([.. items.Select(i => i.Claim!)], T0.AddMinutes(4), None));
    }

    [Fact]
    public async Task ClaimDueAsync_TwoNodesClaimingManyRowsAtOnce_NeverHandOutOneRowTwice()
    {
        const int Rows = 300;
        await using var db = await StoreNodes.StartAsync(count: 2);
        await db.Store.AppendAsync(Requests.NewIncident("a") with
        {
            Outbox = [.. Enumerable.Range(1, Rows).Select(i => Job($"{i}", T0))],
        }, None);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = db.Nodes.Select(node => Task.Run(async () =>
        {
            await go.Task;
            var mine = new List<long>();
            while (true)
            {
                // Leases long enough never to run out here: a row handed out twice can only come from a race.
                var batch = await node.ClaimDueAsync(OutboxKind.Job, T0, TimeSpan.FromHours(1), 7, None);
                if (batch.Count == 0) return mine;
                mine.AddRange(batch.Select(i => i.Id));
            }
        })).ToList();
        go.SetResult();
        var claimed = await Task.WhenAll(workers);

        var all = claimed.SelectMany(ids => ids).ToList();
        Assert.Equal(Rows, all.Count);
        Assert.Equal(Rows, all.Distinct().Count());
    }

    internal static OutboxDraft Job(string text, DateTimeOffset due) => new(OutboxKind.Job, "execute", $"\"{text}\"", due);

    internal static OutboxDraft Notify(string text, DateTimeOffset due) => new(OutboxKind.Notify, "slack", $"\"{text}\"", due);

    internal static string Text(OutboxItem item) => item.PayloadJson.Trim('"');
}
