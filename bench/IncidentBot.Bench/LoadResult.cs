using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>What one target did under load.</summary>
internal sealed record LoadResult(string Target, int Requests, int Errors, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public const string MarkdownHeader = "| target | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|---:|---:|";

    public double Throughput => Requests / Seconds;

    public static LoadResult From(string target, List<double> latenciesMs, int errors, double seconds)
    {
        latenciesMs.Sort();
        double Pct(double p) => latenciesMs.Count == 0 ? double.NaN : latenciesMs[Math.Min(latenciesMs.Count - 1, (int)Math.Ceiling(p * latenciesMs.Count) - 1)];
        return new LoadResult(target, latenciesMs.Count, errors, seconds, Pct(0.50), Pct(0.99), latenciesMs.Count == 0 ? double.NaN : latenciesMs[^1]);
    }

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Target} | {Requests} | {Errors} | {Throughput:F0} | {P50Ms:F1} | {P99Ms:F1} | {MaxMs:F1} |");
}
