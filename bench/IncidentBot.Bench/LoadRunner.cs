using System.Diagnostics;

namespace IncidentBot.Bench;

/// <summary>Closed-loop load: N clients each send one request, wait for the answer, send the next, for a fixed time.</summary>
internal static class LoadRunner
{
    public static Task<LoadResult> RunAsync(HttpClient client, Func<HttpRequestMessage> next, int clients, TimeSpan duration) =>
        RunAsync([client], next, clients, duration);

    /// <summary>
    /// The same load spread over several servers: connection k talks to server k mod their number throughout, so with
    /// two nodes the connections alternate between them and each node carries half.
    /// </summary>
    public static async Task<LoadResult> RunAsync(IReadOnlyList<HttpClient> servers, Func<HttpRequestMessage> next, int clients, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        var all = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + duration;
        async Task ClientAsync(HttpClient client)
        {
            var mine = new List<double>();
            while (clock.Elapsed < deadline)
            {
                using var request = next();
                var start = clock.Elapsed;
                try
                {
                    using var response = await client.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode) mine.Add((clock.Elapsed - start).TotalMilliseconds);
                    else Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            lock (all) all.AddRange(mine);
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(k => Task.Run(() => ClientAsync(servers[k % servers.Count]))));
        return LoadResult.From(all, errors, clock.Elapsed.TotalSeconds);
    }
}
