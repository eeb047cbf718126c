namespace IncidentBot.Bench;

/// <summary>What one closed-loop load phase got back: answered requests, their latencies, errors.</summary>
internal sealed record LoadResult(int Requests, int Errors, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double Throughput => Requests / Seconds;

    public static LoadResult From(List<double> latenciesMs, int errors, double seconds)
    {
        latenciesMs.Sort();
        double Pct(double p) => latenciesMs.Count == 0 ? double.NaN : latenciesMs[Math.Min(latenciesMs.Count - 1, (int)Math.Ceiling(p * latenciesMs.Count) - 1)];
        return new LoadResult(latenciesMs.Count, errors, seconds, Pct(0.50), Pct(0.99), latenciesMs.Count == 0 ? double.NaN : latenciesMs[^1]);
    }
}
