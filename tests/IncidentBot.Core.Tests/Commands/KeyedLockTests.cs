using IncidentBot.Core.Commands;

namespace IncidentBot.Core.Tests.Commands;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task AcquireAsync_SameKey_SecondWaitsUntilFirstReleases()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("INC-1", CancellationToken.None);

        var second = locks.AcquireAsync("inc-1", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();

        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_ManyDistinctKeys_LeavesNoEntriesBehind()
    {
        var locks = new KeyedLock();

        foreach (var i in Enumerable.Range(0, 1000)) (await locks.AcquireAsync($"INC-{i}", CancellationToken.None)).Dispose();
        using var cts = new CancellationTokenSource();
        var held = await locks.AcquireAsync("INC-1", CancellationToken.None);
        var waiting = locks.AcquireAsync("INC-1", cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
