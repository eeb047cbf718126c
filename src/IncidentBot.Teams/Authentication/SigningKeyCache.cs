using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Authentication;

/// <summary>
/// The Bot Framework's signing keys, kept in memory and refreshed by a few rules so that neither key rotation nor an
/// attacker can make us fetch often:
/// <list type="bullet">
/// <item>keys older than <see cref="AutomaticRefreshInterval"/> are fetched again (the docs ask for at least daily);</item>
/// <item>a <c>kid</c> not in the set triggers a fetch, but not sooner than <see cref="MinimumRefreshInterval"/> after
/// the previous one, however many unknown ids arrive;</item>
/// <item>after a failed fetch the next one waits <see cref="RetryAfterFailure"/>; meanwhile keys younger than
/// <see cref="MaximumKeyAge"/> are still used, and without any the lookup answers "unavailable" (fail closed).</item>
/// </list>
/// One fetch at a time; callers that arrive during a fetch wait for it and use its result.
/// </summary>
internal sealed class SigningKeyCache(OpenIdKeySource source, TimeProvider time, ILogger logger)
{
    /// <summary>Age after which keys are fetched again even if every <c>kid</c> is known.</summary>
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);

    /// <summary>Shortest time between two fetches, so unknown <c>kid</c>s cannot make us hammer the endpoint.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>Wait after a failed fetch (or while there are no usable keys) before trying again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>Keys older than this are not used even when a refresh fails.</summary>
    public static readonly TimeSpan MaximumKeyAge = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Snapshot? current;
    private DateTimeOffset? lastAttempt;   // guarded by gate

    /// <summary>The key named <paramref name="keyId"/>, fetching the set first when the rules above allow it.</summary>
    public async Task<KeyLookup> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        if (Fresh(current, time.GetUtcNow()) is { } fresh && fresh.Keys.TryGetValue(keyId, out var known)) return KeyLookup.Found(known);

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var snapshot = current;
            if (Fresh(snapshot, now) is { } fetched && fetched.Keys.ContainsKey(keyId)) return Lookup(fetched, keyId, now);
            if (MayFetch(snapshot, now))
            {
                if (snapshot is not null && Fresh(snapshot, now) is not null) BotFrameworkAuthLog.UnknownKeyRefresh(logger);
                var keys = await source.FetchAsync(cancellationToken).ConfigureAwait(false);
                now = time.GetUtcNow();
                lastAttempt = now;
                if (keys is not null) current = snapshot = new Snapshot(keys, now);
                else if (snapshot is not null && now - snapshot.FetchedAt < MaximumKeyAge) BotFrameworkAuthLog.UsingOlderKeys(logger, snapshot.FetchedAt);
            }
            return Lookup(snapshot, keyId, now);
        }
        finally
        {
            gate.Release();
        }
    }

    private static Snapshot? Fresh(Snapshot? snapshot, DateTimeOffset now) =>
        snapshot is not null && now - snapshot.FetchedAt < AutomaticRefreshInterval ? snapshot : null;

    private bool MayFetch(Snapshot? snapshot, DateTimeOffset now)
    {
        if (lastAttempt is not { } last) return true;
        var wait = Fresh(snapshot, now) is null ? RetryAfterFailure : MinimumRefreshInterval;
        return now - last >= wait;
    }

    private static KeyLookup Lookup(Snapshot? snapshot, string keyId, DateTimeOffset now)
    {
        if (snapshot is null || now - snapshot.FetchedAt >= MaximumKeyAge) return KeyLookup.Unavailable;
        return snapshot.Keys.TryGetValue(keyId, out var key) ? KeyLookup.Found(key) : KeyLookup.Unknown;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);
}
