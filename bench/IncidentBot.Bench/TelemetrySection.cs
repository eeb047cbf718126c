using System.Globalization;
using System.Text;

namespace IncidentBot.Bench;

/// <summary>
/// The telemetry section's figures and its markdown: per side and connection count, the median over the alternating
/// windows of throughput, latency and CPU per command, with the cost of telemetry as 1 − on ÷ off (issue 15's target:
/// under 5% of throughput).
/// </summary>
internal sealed class TelemetrySection(IReadOnlyList<TelemetryWindow> windows, string evidence)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const double CostTarget = 0.05;

    public IReadOnlyList<TelemetryWindow> Windows => windows;

    /// <summary>Throughput cost at <paramref name="connections"/>: 1 − median(on) ÷ median(off).</summary>
    public double ThroughputCost(int connections) =>
        1 - Median(connections, true, w => w.Load.Throughput) / Median(connections, false, w => w.Load.Throughput);

    public bool Complete => windows.All(w => w.Load.Errors == 0);

    public string Table()
    {
        var s = new StringBuilder();
        s.AppendLine("| telemetry: slash note | conns | windows | commands/s | p50 ms | p99 ms | bot CPU µs/cmd | errors |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in windows.Select(w => w.Connections).Distinct().Order())
            foreach (var on in new[] { false, true })
            {
                var mine = windows.Where(w => w.Connections == c && w.TelemetryOn == on).ToList();
                s.AppendLine(string.Create(Inv,
                    $"| {(on ? "metrics + traces on" : "telemetry off")} | {c} | {mine.Count} | {Median(c, on, w => w.Load.Throughput):F0} | {Median(c, on, w => w.Load.P50Ms):F2} | {Median(c, on, w => w.Load.P99Ms):F1} | {Median(c, on, w => w.CpuUsPerCommand):F0}{(mine.All(w => w.DeliveryCaughtUp) ? "" : "*")} | {mine.Sum(w => w.Load.Errors)} |"));
            }
        foreach (var c in windows.Select(w => w.Connections).Distinct().Order())
        {
            var cost = ThroughputCost(c);
            var cpu = Median(c, true, w => w.CpuUsPerCommand) / Median(c, false, w => w.CpuUsPerCommand) - 1;
            s.AppendLine(string.Create(Inv,
                $"@{c}: on ÷ off commands/s {1 - cost:F3}× — throughput cost {cost * 100:F1}% (target < {CostTarget * 100:F0}%: {(cost < CostTarget ? "met" : "NOT met")}); CPU per command {cpu * 100:+0.0;-0.0}%; p50 {Median(c, true, w => w.Load.P50Ms) - Median(c, false, w => w.Load.P50Ms):+0.00;-0.00} ms."));
        }
        s.Append("Medians over windows that alternate between two bot processes (off, on, on, off, …) on the same machine, each after its own warm-up; ");
        s.Append("\"on\" is the default metrics (the bot's meter, ASP.NET Core, HttpClient and runtime), every request traced (inbound, engine, delivery, outbound calls) and exported over OTLP/HTTP to a loopback collector stand-in, and /metrics scraped every second; ");
        s.Append("\"off\" is Telemetry:Enabled=false. Bot CPU includes the delivery that drained right after each window. \\* = delivery had not caught up within the drain limit.");
        s.Append('\n').Append(evidence);
        return s.ToString();
    }

    private double Median(int connections, bool on, Func<TelemetryWindow, double> figure)
    {
        var values = windows.Where(w => w.Connections == connections && w.TelemetryOn == on).Select(figure).Order().ToList();
        if (values.Count == 0) return double.NaN;
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
