using IncidentBot.Core.Evidence;

namespace IncidentBot.Host.Health;

/// <summary>
/// Whether the store can record evidence right now: a cheap committed write (<see cref="IStoreWriteProbe.ProbeWriteAsync"/>),
/// its answer kept for <see cref="CacheFor"/> so a busy load balancer does not turn into a write load. A request that
/// failed on the store forgets the cached answer, so the next <c>/healthz</c> probes again.
/// </summary>
public sealed class StoreHealth(IStoreWriteProbe store, TimeProvider time)
{
    /// <summary>How long a probe's answer is reused: 1 second.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private volatile Answer? last;

    /// <summary>Null when a write just succeeded; else why writes fail.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (last is { } cached && now - cached.At < CacheFor) return cached.Problem;
        string? problem = null;
        try
        {
            await store.ProbeWriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            problem = e.Message;
        }
        last = new Answer(now, problem);
        return problem;
    }

    /// <summary>A request just failed on the store: the next check probes instead of trusting the cache.</summary>
    public void Forget() => last = null;

    private sealed record Answer(DateTimeOffset At, string? Problem);
}
