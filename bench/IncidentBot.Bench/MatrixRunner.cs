using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>
/// The load matrix: each server in its own process, at 1 connection and at the high count; the bot on incidents
/// seeded to each event level, with slash commands and (on the smallest level) button clicks.
/// </summary>
internal static class MatrixRunner
{
    private const int Incidents = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700); // longer than the delivery worker's 500 ms poll
    private static long sequence;

    public static async Task<List<CellResult>> RunAsync(BenchOptions options)
    {
        var cells = new List<CellResult>();
        int[] connections = options.Clients == 1 ? [1] : [1, options.Clients];
        foreach (var kind in new[] { ServeOptions.Baseline, ServeOptions.GroupBaseline })
        {
            await using var server = await ServerProcess.StartAsync(kind);
            await WarmUpAsync(server, options, [NextNote], drain: null);
            foreach (var c in connections)
                cells.Add(await MeasureAsync(server, kind, "slash note", 0, c, NextNote, options, drain: null));
        }

        await using var slack = await NullSlackApi.StartAsync();
        var drainLimit = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30);
        Task<bool> DrainAsync() => slack.WaitQuietAsync(Quiet, drainLimit);
        foreach (var level in options.EventLevels)
        {
            var started = DateTime.UtcNow;
            using var temporary = BenchFolder.Create();
            // Seeded by one process, measured in another: the seeding's garbage is not in the measured one's RSS.
            await using (await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, level, folder: temporary.Path))
            {
            }
            await using var bot = await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, level, folder: temporary.Path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bot with {Incidents} incidents of {level} events ready in {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
            await MeasureBotAsync(bot, level, options, connections, cells, DrainAsync);
        }
        return cells;
    }

    private static async Task MeasureBotAsync(ServerProcess bot, int level, BenchOptions options, int[] connections, List<CellResult> cells, Func<Task<bool>> drain)
    {
        var clicksToo = level == options.EventLevels[0];
        await WarmUpAsync(bot, options, clicksToo ? [NextNote, NextClick] : [NextNote], drain);
        foreach (var c in connections)
            cells.Add(await MeasureAsync(bot, ServeOptions.Bot, "slash note", level, c, NextNote, options, drain));
        if (clicksToo)
            foreach (var c in connections)
                cells.Add(await MeasureAsync(bot, ServeOptions.Bot, "button click", level, c, NextClick, options, drain));
    }

    // Once per process, at full load, so that JIT tiering and first-touch costs do not land in the first cell's window.
    private static async Task WarmUpAsync(ServerProcess server, BenchOptions options, Func<HttpRequestMessage>[] workloads, Func<Task<bool>>? drain)
    {
        foreach (var next in workloads) await LoadRunner.RunAsync(server.Client, next, options.Clients, options.Warmup);
        if (drain is not null) await drain();
    }

    private static HttpRequestMessage NextNote()
    {
        var n = Interlocked.Increment(ref sequence);
        return SlackRequests.SlashCommand($"note INC-{1 + n % Incidents} bench note {n}");
    }

    private static HttpRequestMessage NextClick()
    {
        var n = Interlocked.Increment(ref sequence);
        return SlackRequests.NoteButtonClick($"INC-{1 + n % Incidents}", n);
    }

    private static async Task<CellResult> MeasureAsync(ServerProcess server, string kind, string workload, int events, int connections,
        Func<HttpRequestMessage> next, BenchOptions options, Func<Task<bool>>? drain)
    {
        if (options.Warmup > TimeSpan.Zero) await LoadRunner.RunAsync(server.Client, next, connections, options.Warmup);
        if (drain is not null) await drain();
        server.ResetPeak();
        var stats = kind == ServeOptions.GroupBaseline ? await GroupStatsAsync(server) : default;
        var cpu = server.CpuTime();
        var load = await LoadRunner.RunAsync(server.Client, next, connections, options.Duration);
        // The delivery that the window's commands caused is part of their cost: wait for it to drain, then read the CPU.
        var caughtUp = drain is null || await drain();
        var cpuUs = (server.CpuTime() - cpu).TotalMicroseconds / Math.Max(1, load.Requests);
        double? rowsPerCommit = null;
        if (kind == ServeOptions.GroupBaseline)
        {
            var after = await GroupStatsAsync(server);
            rowsPerCommit = (after.Rows - stats.Rows) / (double)Math.Max(1, after.Commits - stats.Commits);
        }
        var cell = new CellResult(kind, workload, events, connections, load, cpuUs, server.PeakRssMb(), rowsPerCommit, caughtUp);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {kind,-14} {workload,-12} {events,6} events @{connections,-3}: {load.Throughput,7:F0} req/s, p50 {load.P50Ms:F2} ms, p99 {load.P99Ms:F1} ms, {cpuUs:F0} µs CPU/req, {cell.PeakRssMb:F0} MB, {load.Errors} errors{(caughtUp ? "" : " (delivery still draining)")}"));
        return cell;
    }

    private static async Task<(long Commits, long Rows)> GroupStatsAsync(ServerProcess server)
    {
        var parts = (await server.Client.GetStringAsync("/bench/stats")).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
