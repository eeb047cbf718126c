using System.Diagnostics;
using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>
/// One bench run: the load matrix, then the burst, then the scale-out section (SQLite next to PostgreSQL on one node
/// and two), then the telemetry section (metrics and traces on next to off), then the report with the targets; or only
/// the scale-out section (<c>--scale-out-only</c>), or only the telemetry section (<c>--telemetry-only</c>).
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench{(options.Quick ? " (quick)" : "")}{(options.ScaleOutOnly ? " scale-out only" : "")}: {(options.ScaleOutOnly ? "" : "1 and ")}{options.Clients} connections, {options.Duration.TotalSeconds:F1} s per cell after {options.Warmup.TotalSeconds:F1} s warm-up; {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        if (options.TelemetryOnly)
        {
            var alone = await TelemetryRunner.RunAsync(options);
            Console.WriteLine();
            Console.WriteLine(alone.Table());
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench run took {clock.Elapsed.TotalSeconds:F0} s; load average now {LoadAverage()}"));
            return alone.Complete ? 0 : 1;
        }
        BenchReport? report = null;
        var ok = true;
        if (!options.ScaleOutOnly)
        {
            var cells = await MatrixRunner.RunAsync(options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  burst: {options.BurstNotes} notes on 10 incidents, watched up to {options.BurstWait.TotalSeconds:F0} s"));
            var burst = await BurstTest.RunAsync(options);
            report = new BenchReport(options, cells, burst);
            ok = cells.All(c => c.Load.Errors == 0) && burst.Acknowledged == burst.Notes;
        }
        var scaleOut = await ScaleOutRunner.RunAsync(options);
        var telemetry = options.ScaleOutOnly ? null : await TelemetryRunner.RunAsync(options);
        if (report is not null)
        {
            Console.WriteLine();
            Console.WriteLine(report.Matrix());
            Console.WriteLine();
            Console.WriteLine(report.Burst());
        }
        Console.WriteLine();
        Console.WriteLine(new ScaleOutReport(scaleOut).Table());
        if (telemetry is not null)
        {
            Console.WriteLine();
            Console.WriteLine(telemetry.Table());
        }
        if (report is not null)
        {
            Console.WriteLine();
            Console.WriteLine(report.Targets());
        }
        Console.WriteLine();
        // Other work on the machine moves every figure; the load average says how busy it was around the run.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench run took {clock.Elapsed.TotalSeconds:F0} s; load average now {LoadAverage()}"));
        return ok && scaleOut.Complete && telemetry?.Complete != false ? 0 : 1;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
