using System.Globalization;
using System.Text;

namespace IncidentBot.Bench;

/// <summary>The scale-out section's markdown: one row per configuration, each with its ratio to the one it scales from.</summary>
internal sealed class ScaleOutReport(ScaleOutSection section)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Table()
    {
        var sqlite = section.Find(BotStorage.Sqlite, 1);
        var pg1 = section.Find(BotStorage.Postgres, 1);
        var pg2 = section.Find(BotStorage.Postgres, 2);
        var s = new StringBuilder();
        s.AppendLine("| scale-out: slash note | nodes | conns | commands/s | p50 ms | p99 ms | max ms | vs | × commands/s | × p99 | bot CPU µs/cmd | PostgreSQL CPU µs/cmd | top wait in PostgreSQL | errors |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|");
        Row(s, "SQLite (WAL, synchronous=FULL)", sqlite, null, "");
        Row(s, "PostgreSQL", pg1, sqlite, "SQLite, 1 node");
        Row(s, "PostgreSQL, one database", pg2, pg1, "PostgreSQL, 1 node");
        if (section.PostgresProblem is { } problem) s.AppendLine($"PostgreSQL rows missing: {problem.ReplaceLineEndings(" ")}");
        if (pg1 is not null && sqlite is not null) s.AppendLine(Ratios("PostgreSQL 1 node ÷ SQLite 1 node", pg1, sqlite));
        if (pg2 is not null && pg1 is not null) s.AppendLine(Ratios("PostgreSQL 2 nodes ÷ PostgreSQL 1 node", pg2, pg1));
        s.Append("Same load in every row: signed `/incident note INC-k` on 20 incidents, closed loop; with two nodes connection k goes to node k mod 2. ");
        s.Append("Bot CPU is the nodes' own (summed), delivery that drained right after the window included; PostgreSQL CPU is the postmaster and its backends, ");
        s.Append("only when the run started the server; the top wait is the busy sessions' most common wait event, sampled 5 times a second (mean sessions in it). \\* = delivery had not caught up within the drain limit. ");
        s.Append("Durability is kept on both sides: SQLite fsyncs each commit (synchronous=FULL) and PostgreSQL runs with its defaults, fsync and synchronous_commit on. ");
        s.Append(string.Create(Inv, $"The nodes, the database and the load generator share this machine's {Environment.ProcessorCount} cores, so a second node adds no CPU here: it shows what sharing one database costs, not what a second machine would add."));
        if (section.Postgres is { } postgres) s.Append($"\n{postgres}.");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, ScaleOutResult? r, ScaleOutResult? baseline, string vs)
    {
        if (r is null) return;
        var l = r.Load;
        s.AppendLine(string.Create(Inv,
            $"| {name} | {r.Nodes} | {r.Connections} | {l.Throughput:F0} | {l.P50Ms:F2} | {l.P99Ms:F1} | {l.MaxMs:F1} | {(baseline is null ? "—" : vs)} | {Ratio(l.Throughput, baseline?.Load.Throughput)} | {Ratio(l.P99Ms, baseline?.Load.P99Ms)} | {r.BotCpuUsPerCommand:F0}{(r.DeliveryCaughtUp ? "" : "*")} | {(r.DatabaseCpuUsPerCommand is { } d ? d.ToString("F0", Inv) : "—")} | {r.TopWait ?? "—"} | {l.Errors} |"));
    }

    private static string Ratios(string what, ScaleOutResult r, ScaleOutResult baseline) => string.Create(Inv,
        $"{what}: commands/s {Ratio(r.Load.Throughput, baseline.Load.Throughput)}, p99 {Ratio(r.Load.P99Ms, baseline.Load.P99Ms)}.");

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && b > 0 && !double.IsNaN(value) ? (value / b).ToString("F2", Inv) + "×" : "—";
}
