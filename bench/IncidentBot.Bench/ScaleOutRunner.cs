using System.Globalization;
using Npgsql;

namespace IncidentBot.Bench;

/// <summary>
/// The scale-out section: the same signed <c>/incident note</c> load at the high connection count against one bot
/// node on SQLite, one on PostgreSQL, and two on one PostgreSQL database with the connections alternating between
/// them. Each configuration has its own fresh database, seeded once through its first node before any other starts.
/// </summary>
internal static class ScaleOutRunner
{
    private const int Incidents = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700); // longer than the delivery worker's 500 ms poll
    private static long sequence;

    public static async Task<ScaleOutSection> RunAsync(BenchOptions options)
    {
        await using var slack = await NullSlackApi.StartAsync();
        var drainLimit = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30);
        Task<bool> DrainAsync() => slack.WaitQuietAsync(Quiet, drainLimit);
        var results = new List<ScaleOutResult> { await MeasureAsync(slack, _ => BotStorage.OnSqlite, 1, options, DrainAsync, null) };

        PostgresServer postgres;
        try
        {
            postgres = await PostgresServer.StartAsync(options.PostgresAdmin);
        }
        catch (Exception e) when (e is PostgresUnavailableException or NpgsqlException or OperationCanceledException)
        {
            Console.WriteLine($"  scale-out: no PostgreSQL, so no PostgreSQL rows: {e.Message}");
            return new ScaleOutSection(results, null, e.Message);
        }
        await using (postgres)
        {
            Console.WriteLine($"  scale-out: {postgres.Description}");
            try
            {
                foreach (var nodes in new[] { 1, 2 })
                {
                    var connectionString = await postgres.CreateDatabaseAsync();
                    var result = await MeasureAsync(slack, folder => BotStorage.OnPostgres(connectionString, Path.Combine(folder, "evidence-signing.key")),
                        nodes, options, DrainAsync, postgres.CpuTime);
                    var events = await postgres.CountEventsAsync(connectionString);
                    if (events < result.Load.Requests)
                        throw new InvalidOperationException($"the database holds {events} events after {result.Load.Requests} answered notes: the nodes did not write to PostgreSQL");
                    results.Add(result);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or NpgsqlException)
            {
                // A node that would not start on PostgreSQL (its output's tail is in the message): report what was measured.
                Console.WriteLine($"  scale-out: PostgreSQL configuration failed: {e.Message}");
                return new ScaleOutSection(results, postgres.Description, e.Message);
            }
            return new ScaleOutSection(results, postgres.Description, null);
        }
    }

    private static async Task<ScaleOutResult> MeasureAsync(NullSlackApi slack, Func<string, BotStorage> storageIn, int nodes, BenchOptions options,
        Func<Task<bool>> drain, Func<TimeSpan?>? databaseCpu)
    {
        using var temporary = BenchFolder.Create();
        var folder = temporary.Path;
        var storage = storageIn(folder);
        var events = options.EventLevels[0];
        var started = DateTime.UtcNow;
        var servers = new List<ServerProcess>();
        try
        {
            // One after the other: the first declares and seeds the incidents, the next finds them there and only starts.
            for (var i = 0; i < nodes; i++)
                servers.Add(await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, events, folder: folder, storage: storage));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  scale-out: {nodes} node{(nodes == 1 ? "" : "s")} on {storage.Provider} with {Incidents} incidents of {events} events ready in {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
            var clients = servers.Select(s => s.Client).ToList();
            // At full load, so that JIT tiering, first-touch costs and the pools' growth do not land in the window.
            if (options.Warmup > TimeSpan.Zero) await LoadRunner.RunAsync(clients, NextNote, options.Clients, options.Warmup);
            await drain();
            var cpuEach = servers.Select(n => n.CpuTime()).ToList();
            var cpu = cpuEach.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
            var dbCpu = databaseCpu?.Invoke();
            await using var waits = storage.ConnectionString is { } cs ? await PostgresWaits.StartAsync(cs) : null;
            var load = await LoadRunner.RunAsync(clients, NextNote, options.Clients, options.Duration);
            var topWait = waits is null ? null : await waits.StopAsync();
            // The delivery that the window's commands caused is part of their cost: wait for it to drain, then read the CPU.
            var caughtUp = await drain();
            var perCommand = Math.Max(1, load.Requests);
            var spentEach = servers.Select((n, i) => n.CpuTime() - cpuEach[i]).ToList();
            var botUs = spentEach.Aggregate(TimeSpan.Zero, (sum, t) => sum + t).TotalMicroseconds / perCommand;
            // With two nodes, each one's CPU shows that both carried load.
            var split = nodes == 1 ? "" : " (" + string.Join(" + ", spentEach.Select(t => t.TotalMicroseconds / perCommand).Select(us => us.ToString("F0", CultureInfo.InvariantCulture))) + ")";
            double? dbUs = dbCpu is { } before && databaseCpu?.Invoke() is { } after ? (after - before).TotalMicroseconds / perCommand : null;
            var result = new ScaleOutResult(storage.Provider, nodes, options.Clients, load, botUs, dbUs, caughtUp, topWait);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  scale-out: {storage.Provider,-8} {nodes} node{(nodes == 1 ? " " : "s")} @{options.Clients}: {load.Throughput,7:F0} commands/s, p50 {load.P50Ms:F2} ms, p99 {load.P99Ms:F1} ms, bot {botUs:F0}{split} µs CPU/command{(dbUs is { } d ? $", PostgreSQL {d:F0} µs" : "")}{(topWait is null ? "" : $", mostly waiting on {topWait}")}, {load.Errors} errors{(caughtUp ? "" : " (delivery still draining)")}"));
            return result;
        }
        finally
        {
            // The last started first, so the seeding node outlives the others.
            for (var i = servers.Count - 1; i >= 0; i--) await servers[i].DisposeAsync();
        }
    }

    private static HttpRequestMessage NextNote()
    {
        var n = Interlocked.Increment(ref sequence);
        return SlackRequests.SlashCommand($"note INC-{1 + n % Incidents} bench note {n}");
    }
}
