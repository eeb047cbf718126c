using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Postgres.Tests.Support;

namespace IncidentBot.Storage.Postgres.Tests.Store;

public sealed class PostgresStoreConcurrencyTests
{
    private const int PerNode = 25;

    [Fact]
    public async Task AppendAsync_TwoNodesOnOneStreamAtOnce_AppendAllWithoutGapsAndKeepTheChain()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = db.Nodes.Select(node => Task.Run(async () =>
        {
            await go.Task;
            var outcomes = new List<AppendOutcome>();
            for (var i = 0; i < PerNode; i++)
                outcomes.Add(await node.AppendAsync(Requests.Notes("bot", AppendRequest.AnySeq, 2), CancellationToken.None));
            return outcomes;
        })).ToList();
        go.SetResult();
        var outcomes = (await Task.WhenAll(writers)).SelectMany(o => o).ToList();

        Assert.All(outcomes, o => Assert.IsType<AppendOutcome.Appended>(o));
        var stream = await db.Store.ReadStreamAsync("bot", CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 2 * 2 * PerNode).Select(i => (long)i), stream.Select(e => e.Seq));
        var report = await EvidenceVerifier.VerifyAsync(db.Nodes[1].ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(report.Ok, report.ToString());
        // One checkpoint chain for both nodes, in commit order, each over the head its commit moved.
        var checkpoints = await PostgresStoreAppendTests.CheckpointsAsync(db);
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => (long)i), checkpoints.Select(c => c.Number));
        Assert.Equal(checkpoints.Select(c => c.Hash).SkipLast(1), checkpoints.Skip(1).Select(c => c.PrevHash));
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => 2L * i), checkpoints.Select(c => c.Heads[^1].Seq));
    }

    [Fact]
    public async Task AppendAsync_NewIncidentsFromTwoNodesAtOnce_GetDistinctNumbers()
    {
        await using var db = await StoreNodes.StartAsync(count: 2);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = db.Nodes.Select((node, n) => Task.Run(async () =>
        {
            await go.Task;
            var streams = new List<string>();
            for (var i = 0; i < PerNode; i++)
                streams.Add((await node.AppendAsync(Requests.NewIncident($"node {n} #{i}"), CancellationToken.None)).Appended().Stream);
            return streams;
        })).ToList();
        go.SetResult();
        var streams = (await Task.WhenAll(writers)).SelectMany(s => s).ToList();

        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => $"INC-{i}").Order(StringComparer.Ordinal),
            streams.Order(StringComparer.Ordinal));
        var listed = await db.Nodes[1].ListIncidentsAsync(includeClosed: true, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Reverse(), listed.Select(i => i.Number));
        Assert.All(listed, i => Assert.True(i.Attested));
    }
}
