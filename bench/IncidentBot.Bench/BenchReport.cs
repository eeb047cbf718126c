using System.Globalization;
using System.Text;

namespace IncidentBot.Bench;

/// <summary>The run's markdown: the matrix with ratios to the group-commit baseline, the burst, and issue 12's targets.</summary>
internal sealed class BenchReport(BenchOptions options, IReadOnlyList<CellResult> cells, BurstResult burst)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private CellResult? Find(string server, string workload, int events, int connections) =>
        cells.FirstOrDefault(c => c.Server == server && c.Workload == workload && c.Events == events && c.Connections == connections);

    private CellResult? Group(int connections) => Find(ServeOptions.GroupBaseline, "slash note", 0, connections);

    private int Small => options.EventLevels[0];

    private int Large => options.EventLevels[^1];

    public string Matrix()
    {
        var s = new StringBuilder();
        s.AppendLine("| server | workload | events/incident | conns | req/s | × group | p50 ms | p99 ms | max ms | CPU µs/req | × group | peak RSS MB | rows/commit | errors |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in cells)
        {
            var g = Group(c.Connections);
            var (l, events) = (c.Load, c.Server == ServeOptions.Bot ? c.Events.ToString("N0", Inv) : "—");
            s.AppendLine(string.Create(Inv,
                $"| {Name(c.Server)} | {c.Workload} | {events} | {c.Connections} | {l.Throughput:F0} | {Ratio(l.Throughput, g?.Load.Throughput)} | {l.P50Ms:F2} | {l.P99Ms:F1} | {l.MaxMs:F1} | {c.CpuUsPerRequest:F0}{(c.DeliveryCaughtUp ? "" : "*")} | {Ratio(c.CpuUsPerRequest, g?.CpuUsPerRequest)} | {c.PeakRssMb:F0} | {(c.RowsPerCommit is { } r ? r.ToString("F1", Inv) : "—")} | {l.Errors} |"));
        }
        s.Append("CPU is the server process's own (utime+stime) over the window plus the delivery that drained right after it, per answered request; ");
        s.Append("\\* = delivery had not caught up within the drain limit. Peak RSS is VmHWM during the window.");
        return s.ToString();
    }

    public string Burst()
    {
        var b = burst;
        var roots = string.Join(", ", b.RootFinalSeconds.Select(t => t is { } v ? v.ToString("F1", Inv) : "—"));
        var s = new StringBuilder();
        s.AppendLine(string.Create(Inv, $"| burst: {b.Notes:N0} notes on 10 incidents (a channel each), 64 connections, Slack stand-in at ~1 call/s per channel and method (burst {RateLimitedSlackApi.Burst}) | value |"));
        s.AppendLine("|---|---|");
        s.AppendLine(string.Create(Inv, $"| acknowledged | {b.Acknowledged:N0} of {b.Notes:N0} in {b.BurstSeconds:F1} s ({b.Acknowledged / Math.Max(0.001, b.BurstSeconds):F0}/s) |"));
        s.AppendLine(string.Create(Inv, $"| Web API calls from the burst's start (postMessage / update) | {b.Calls:N0} ({b.PostMessages:N0} / {b.Updates:N0}) |"));
        s.AppendLine(string.Create(Inv, $"| answered 429 | {b.Refused:N0} |"));
        s.AppendLine(string.Create(Inv, $"| notes whose text is in the thread | {b.NotesInThread:N0} of {b.Acknowledged:N0} |"));
        s.AppendLine(string.Create(Inv, $"| lost (missing once delivery went quiet) | {(b.Lost is { } lost ? lost.ToString("N0", Inv) : $"unknown: still delivering after {b.WatchedSeconds:F0} s")} |"));
        s.AppendLine(string.Create(Inv, $"| thread order = commit order | {Text(b.OrderKept)} |"));
        s.AppendLine(string.Create(Inv, $"| root card final, s after the burst's end, per incident (— = not within {b.WatchedSeconds:F0} s) | {roots} |"));
        return s.ToString().TrimEnd();
    }

    public string Targets()
    {
        var rows = new List<(string Target, string Measured, string Limit, bool? Pass)>();
        var g64 = Group(options.Clients);
        var slash64 = Find(ServeOptions.Bot, "slash note", Small, options.Clients);
        var slash1 = Find(ServeOptions.Bot, "slash note", Small, 1);
        if (slash64 is not null && g64 is not null)
        {
            var ratio = slash64.Load.Throughput / g64.Load.Throughput;
            rows.Add(($"slash @{options.Clients}: throughput vs group-commit baseline", F($"{ratio:F2}× ({slash64.Load.Throughput:F0} vs {g64.Load.Throughput:F0}/s)"), "≥ 0.7×", ratio >= 0.7));
        }
        if (slash64 is not null)
        {
            rows.Add(($"slash @{options.Clients}: p99", F($"{slash64.Load.P99Ms:F1} ms"), "≤ 25 ms", slash64.Load.P99Ms <= 25));
            rows.Add(($"slash @{options.Clients}: CPU per command, delivery included", F($"{slash64.CpuUsPerRequest:F0} µs"), "≤ 250 µs", slash64.CpuUsPerRequest <= 250));
            rows.Add(($"slash @{options.Clients}: peak RSS", F($"{slash64.PeakRssMb:F0} MB"), "≤ 150 MB", slash64.PeakRssMb <= 150));
        }
        if (slash1 is not null) rows.Add(("slash @1: p50", F($"{slash1.Load.P50Ms:F2} ms"), "≤ 1 ms", slash1.Load.P50Ms <= 1));
        if (Large != Small)
        {
            var big64 = Find(ServeOptions.Bot, "slash note", Large, options.Clients);
            var big1 = Find(ServeOptions.Bot, "slash note", Large, 1);
            if (big64 is not null && slash64 is not null)
            {
                var t = slash64.Load.Throughput / big64.Load.Throughput;
                rows.Add(($"{Large:N0} vs {Small} events: throughput @{options.Clients} (10-event ÷ large)", F($"{t:F3}×"), "≤ 1.25×", t <= 1.25));
                var cpu = big64.CpuUsPerRequest / slash64.CpuUsPerRequest;
                rows.Add(($"{Large:N0} vs {Small} events: CPU per command @{options.Clients}", F($"{cpu:F3}×"), "≤ 1.25×", cpu <= 1.25));
            }
            if (big1 is not null && slash1 is not null)
            {
                var p = big1.Load.P50Ms / slash1.Load.P50Ms;
                rows.Add(($"{Large:N0} vs {Small} events: p50 @1", F($"{p:F3}×"), "≤ 1.25×", p <= 1.25));
            }
        }
        var worst = burst.WorstRootFinalSeconds;
        rows.Add(("burst: every root card final after the burst's end", worst is { } w ? F($"{w:F1} s") : F($"not within {burst.WatchedSeconds:F0} s"), "≤ 5 s", worst <= 5));
        rows.Add(("burst: every note's text in the thread", F($"{burst.NotesInThread:N0} of {burst.Acknowledged:N0}"), "all", burst.NotesInThread == burst.Acknowledged && burst.Acknowledged == burst.Notes));
        rows.Add(("burst: messages lost", burst.Lost is { } lost ? lost.ToString("N0", Inv) : "unknown (still delivering)", "0", burst.Lost is null ? null : burst.Lost == 0));
        rows.Add(("burst: order kept", Text(burst.OrderKept), "yes", burst.OrderKept));
        rows.Add(("burst: 429s provoked", burst.Refused.ToString("N0", Inv), "0", burst.Refused == 0));

        var s = new StringBuilder();
        s.AppendLine("| target (issue 12) | measured | limit | pass |");
        s.AppendLine("|---|---:|---:|---|");
        foreach (var (target, measured, limit, pass) in rows)
            s.AppendLine($"| {target} | {measured} | {limit} | {(pass is null ? "n/a" : pass.Value ? "PASS" : "FAIL")} |");
        s.Append(string.Create(Inv, $"{rows.Count(r => r.Pass == true)} of {rows.Count} targets met."));
        return s.ToString();
    }

    private static string F(FormattableString s) => s.ToString(Inv);

    private static string Text(bool? b) => b is null ? "n/a (no note reached a thread)" : b.Value ? "yes" : "no";

    private static string Ratio(double value, double? baseline) => baseline is { } b && b > 0 && !double.IsNaN(value) ? (value / b).ToString("F2", Inv) + "×" : "—";

    private static string Name(string server) => server switch
    {
        ServeOptions.Baseline => "baseline: 1 commit per request",
        ServeOptions.GroupBaseline => "baseline: group commit",
        _ => "IncidentBot",
    };
}
