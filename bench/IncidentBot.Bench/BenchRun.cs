using System.Diagnostics;
using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>One bench run: the load matrix, then the burst, then the report with the targets.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench{(options.Quick ? " (quick)" : "")}: 1 and {options.Clients} connections, {options.Duration.TotalSeconds:F1} s per cell after {options.Warmup.TotalSeconds:F1} s warm-up; {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        var cells = await MatrixRunner.RunAsync(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  burst: {options.BurstNotes} notes on 10 incidents, watched up to {options.BurstWait.TotalSeconds:F0} s"));
        var burst = await BurstTest.RunAsync(options);
        var report = new BenchReport(options, cells, burst);
        Console.WriteLine();
        Console.WriteLine(report.Matrix());
        Console.WriteLine();
        Console.WriteLine(report.Burst());
        Console.WriteLine();
        Console.WriteLine(report.Targets());
        Console.WriteLine();
        // Other work on the machine moves every figure; the load average says how busy it was around the run.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench run took {clock.Elapsed.TotalSeconds:F0} s; load average now {LoadAverage()}"));
        return cells.All(c => c.Load.Errors == 0) && burst.Acknowledged == burst.Notes ? 0 : 1;
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
