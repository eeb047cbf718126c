using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Contract.Support;

namespace IncidentBot.Storage.Contract.Evidence;

/// <summary>
/// Appends racing each other, within one node and across two nodes on one database (two processes or machines):
/// one winner per sequence number, one incident number per incident, one landing per delivery, one checkpoint chain.
/// </summary>
public abstract class ConcurrencyContract : StoreContract
{
    private const int PerNode = 25;

    [Fact]
    public async Task AppendAsync_ParallelDeclaresOnTwoNodes_EachGetsItsOwnIncidentNumber()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var writers = Enumerable.Range(0, 2 * PerNode).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return (await nodes[i % 2].AppendAsync(Drafts.Declare($"incident {i}"), None)).Appended().Stream;
        })).ToList();
        go.SetResult();
        var streams = await Task.WhenAll(writers);

        // Assert
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(n => $"INC-{n}").Order(StringComparer.Ordinal),
            streams.Order(StringComparer.Ordinal));
        var listed = await nodes[1].ListIncidentsAsync(includeClosed: true, None);
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Reverse(), listed.Select(i => i.Number));
        Assert.All(listed, i => Assert.True(i.Attested));
        Assert.Equal(2 * PerNode, await db.CountAsync("events"));
    }

    [Fact]
    public async Task AppendAsync_SameDeliveryFromParallelTasksOnTwoNodes_LandsExactlyOnce()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        var request = Drafts.Declare(deliveryId: "slack:T1:trigger-42") with { Outbox = [new OutboxDraft(OutboxKind.Notify, "slack", "{}")] };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var writers = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await nodes[i % 2].AppendAsync(request, None);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(writers);

        // Assert
        Assert.Single(outcomes.OfType<AppendOutcome.Appended>());
        Assert.Equal(9, outcomes.OfType<AppendOutcome.Duplicate>().Count(d => d.Stream == "INC-1"));
        Assert.Equal(1, await db.CountAsync("events"));
        Assert.Equal(1, await db.CountAsync("outbox"));
        Assert.Equal(1, await db.CountAsync("incidents"));
        Assert.Equal(1, await db.CountAsync("checkpoints"));
        // The duplicates' allocated numbers were rolled back, so numbering goes on without a hole.
        Assert.Equal("INC-2", (await db.Store.AppendAsync(Drafts.Declare(), None)).Appended().Stream);
    }

    [Fact]
    public async Task AppendAsync_TwoNodesRaceForTheSameSeq_OneWinsOthersConflict()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        await nodes[0].AppendAsync(Drafts.Notes("bot", 0, 1), None);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var writers = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await nodes[i % 2].AppendAsync(Drafts.Notes("bot", 1, 1), None);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(writers);

        // Assert
        Assert.Single(outcomes.OfType<AppendOutcome.Appended>());
        Assert.Equal(9, outcomes.OfType<AppendOutcome.Conflict>().Count(c => c.ActualSeq == 2));
        Assert.Equal(2, (await nodes[1].ReadStreamAsync("bot", None)).Count);
        Assert.True((await EvidenceVerifier.VerifyAsync(nodes[0].ReadAllAsync(None), None)).Ok);
    }

    [Fact]
    public async Task AppendAsync_TwoNodesOnOneStreamAtOnce_AppendAllWithoutGapsAndKeepOneCheckpointChain()
    {
        // Arrange
        await using var db = await CreateStoreAsync();
        IStoreNode[] nodes = [db.Store, await db.OpenAnotherNodeAsync()];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act: each node appends one request at a time, so each commit carries exactly one append.
        var writers = nodes.Select(node => Task.Run(async () =>
        {
            await go.Task;
            var outcomes = new List<AppendOutcome>();
            for (var i = 0; i < PerNode; i++)
                outcomes.Add(await node.AppendAsync(Drafts.Notes("bot", AppendRequest.AnySeq, 2), None));
            return outcomes;
        })).ToList();
        go.SetResult();
        var outcomes = (await Task.WhenAll(writers)).SelectMany(o => o).ToList();

        // Assert
        Assert.All(outcomes, o => Assert.IsType<AppendOutcome.Appended>(o));
        var stream = await db.Store.ReadStreamAsync("bot", None);
        Assert.Equal(Enumerable.Range(1, 2 * 2 * PerNode).Select(i => (long)i), stream.Select(e => e.Seq));
        var report = await EvidenceVerifier.VerifyAsync(nodes[1].ReadAllAsync(None), None);
        Assert.True(report.Ok, report.ToString());
        // One checkpoint chain for both nodes, in commit order, each over the head its commit moved.
        var checkpoints = await db.CheckpointsAsync();
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => (long)i), checkpoints.Select(c => c.Number));
        Assert.Equal(checkpoints.Select(c => c.Hash).SkipLast(1), checkpoints.Skip(1).Select(c => c.PrevHash));
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => 2L * i), checkpoints.Select(c => c.Heads[^1].Seq));
    }
}
