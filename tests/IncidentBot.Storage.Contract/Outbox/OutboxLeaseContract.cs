using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;
using static IncidentBot.Storage.Contract.Support.Drafts;

namespace IncidentBot.Storage.Contract.Outbox;

/// <summary>Giving claims back and holding them longer, reading the outbox, and two nodes claiming at once.</summary>
public abstract class OutboxLeaseContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ReleaseAsync_HeldClaims_ClaimableAtOnceByAnotherNodeWithoutCountingAnAttempt()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Job("x", T0), Job("y", T0), Job("z", T0)] }, None);
        var items = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        // Act
        var one = await db.Store.ReleaseAsync(items[0].Claim!, None);
        var rest = await db.Store.ReleaseAllAsync([.. items.Skip(1).Select(i => i.Claim!)], None);
        var again = await other.ClaimDueAsync(OutboxKind.Job, T0.AddSeconds(1), Lease, 10, None);

        // Assert
        Assert.True(one);
        Assert.Equal(2, rest);
        Assert.Equal(["x", "y", "z"], Texts(again));
        Assert.All(again, i => Assert.Equal(0, i.Attempts));
        Assert.False(await db.Store.ReleaseAsync(items[0].Claim!, None));
    }

    [Fact]
    public async Task ExtendAsync_HeldClaims_KeepOtherNodesOffPastTheFirstLeaseUntilTheNewExpiry()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        var other = await db.OpenAnotherNodeAsync();
        await db.Store.AppendAsync(Declare("a") with { Outbox = [Job("x", T0), Job("y", T0)] }, None);
        var items = await db.Store.ClaimDueAsync(OutboxKind.Job, T0, Lease, 10, None);

        // Act
        var extended = await db.Store.ExtendAsync(items[0].Claim!, T0.AddMinutes(5), None);
        var extendedAll = await db.Store.ExtendAllAsync([items[1].Claim!], T0.AddMinutes(3), None);
        var atOldExpiry = await other.ClaimDueAsync(OutboxKind.Job, T0 + Lease, Lease, 10, None);
        var atFirstNewExpiry = await other.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(3), TimeSpan.FromHours(1), 10, None);
        var completed = await db.Store.CompleteAllAsync([.. items.Select(i => i.Claim!)], T0.AddMinutes(4), None);
        var atLastNewExpiry = await other.ClaimDueAsync(OutboxKind.Job, T0.AddMinutes(5), Lease, 10, None);

        // Assert: the extended claim still holds x; y was taken over and its old claim no longer counts.
        Assert.True(extended);
        Assert.Equal(1, extendedAll);
        Assert.Empty(atOldExpiry);
        Assert.Equal(["y"], Texts(atFirstNewExpiry));
        Assert.Equal(1, completed);
        Assert.Empty(atLastNewExpiry);
    }

    [Fact]
    public async Task ReadOutboxAsync_PagesById_OnlyForKindAndTarget()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        await db.Store.AppendAsync(Notes("bot", AppendRequest.AnySeq, 1) with
        {
            Outbox = [.. Enumerable.Range(0, 5).Select(i => new OutboxDraft(OutboxKind.Notify, i == 2 ? "slack" : "console", $$"""{"i":{{i}}}"""))],
        }, None);
        await db.Store.CompleteAsync((await db.Store.ClaimDueAsync(OutboxKind.Notify, T0, Lease, 1, None))[0].Claim!, T0, None);

        // Act
        var page1 = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "console", 0, 2, None);
        var page2 = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "console", page1[^1].Id, 2, None);
        var page3 = await db.Store.ReadOutboxAsync(OutboxKind.Notify, "console", page2[^1].Id, 2, None);

        // Assert: done rows are read too.
        Assert.Equal([1L, 2L], page1.Select(i => i.Id));
        Assert.Equal(T0, page1[0].DoneUtc);
        Assert.Equal([4L, 5L], page2.Select(i => i.Id));
        Assert.Empty(page3);
        Assert.Empty(await db.Store.ReadOutboxAsync(OutboxKind.Job, "console", 0, 10, None));
    }

    [Fact]
    public async Task ClaimDueAsync_TwoNodesClaimingManyRowsAtOnce_NeverHandOutOneRowTwice()
    {
        // Arrange
        const int Rows = 300;
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        await db.Store.AppendAsync(Declare("a") with { Outbox = [.. Enumerable.Range(1, Rows).Select(i => Job($"{i}", T0))] }, None);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var workers = nodes.Select(node => Task.Run(async () =>
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

        // Assert
        var all = claimed.SelectMany(ids => ids).ToList();
        Assert.Equal(Rows, all.Count);
        Assert.Equal(Rows, all.Distinct().Count());
    }
}
