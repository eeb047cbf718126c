using System.Globalization;
using BenchmarkDotNet.Reports;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>The run in plain words: each figure, its ratio to today's table, and PASS/FAIL against the issue's targets
/// (a decision within 20 µs, a 1,000-event fold within 2 ms).</summary>
public static class TargetSummary
{
    /// <summary>A decision's target, in nanoseconds.</summary>
    public const double DecisionTargetNs = 20_000;

    /// <summary>A 1,000-event fold's target, in nanoseconds.</summary>
    public const double FoldTargetNs = 2_000_000;

    /// <summary>Prints the summary lines for <paramref name="summaries"/>; returns false when a new-code figure misses its target.</summary>
    public static bool Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(output);
        var list = summaries.ToList();
        output.WriteLine();
        if (list.All(s => s.Reports.IsEmpty))
        {
            output.WriteLine("No benchmark ran.");
            return true;
        }
        var allMet = true;
        output.WriteLine("Lifecycle benchmarks against today's table");
        output.WriteLine($"{"benchmark",-72} {"mean",12} {"ratio",7} {"alloc",10}  target");
        foreach (var summary in list)
        {
            foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Type.Name + "|" + r.BenchmarkCase.Parameters.DisplayInfo))
            {
                var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Mean;
                foreach (var report in group)
                {
                    var c = report.BenchmarkCase;
                    var isFold = c.Descriptor.Type == typeof(FoldBenchmarks);
                    var target = isFold ? FoldTargetNs : DecisionTargetNs;
                    var name = $"{(isFold ? "Fold 1,000 events" : "Decision " + c.Parameters.DisplayInfo)}: {c.Descriptor.WorkloadMethodDisplayInfo}";
                    if (report.ResultStatistics is not { } stats)
                    {
                        output.WriteLine($"{name,-72} {"failed",12}");
                        allMet = false;
                        continue;
                    }
                    var ratio = baseline is { } b && b > 0 ? (stats.Mean / b).ToString("0.00", CultureInfo.InvariantCulture) : "?";
                    var bytes = report.GcStats.GetBytesAllocatedPerOperation(c);
                    var alloc = bytes is { } a ? $"{a:N0} B" : "?";
                    var met = stats.Mean <= target;
                    var verdict = c.Descriptor.Baseline ? $"(baseline; {(met ? "within" : "over")} {Time(target)})" : $"{(met ? "PASS" : "FAIL")} <= {Time(target)}";
                    if (!c.Descriptor.Baseline && !met) allMet = false;
                    output.WriteLine($"{name,-72} {Time(stats.Mean),12} {ratio,7} {alloc,10}  {verdict}");
                }
            }
        }
        output.WriteLine(allMet ? "All new-code figures meet the targets." : "Some new-code figures miss their targets.");
        return allMet;
    }

    private static string Time(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.000", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };
}
