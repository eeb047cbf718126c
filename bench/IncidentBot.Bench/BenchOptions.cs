using System.Globalization;

namespace IncidentBot.Bench;

/// <summary>
/// Command-line options of a bench run: <c>--clients N</c> (the high connection count, default 64; the low one is
/// always 1), <c>--seconds S</c> measured per cell (default 5), <c>--warmup S</c> (default 1), <c>--burst N</c> notes in
/// the burst test (default 1000), <c>--burst-wait S</c> (how long after the burst to watch the threads, default 30),
/// <c>--burst-log PATH</c> (write every Web API call of the burst test as JSON lines), <c>--quick</c> (a smoke run of a few cells: 0.5 s each, 10-event incidents only, a 100-note burst watched for 3 s),
/// <c>--scale-out-only</c> (only the scale-out section: SQLite, PostgreSQL on one node and on two), <c>--postgres-admin CS</c>
/// (an admin connection string to a PostgreSQL server on which the scale-out section creates and drops its databases;
/// default: the environment variable <see cref="PostgresServer.AdminVariable"/>, which keeps a password off the command
/// line; without either a throwaway cluster is started and deleted), <c>--telemetry-only</c> (only the telemetry section:
/// the bot with metrics and tracing on next to the same bot with them off), <c>--rounds N</c> (alternating windows per
/// side in the telemetry section, default 4, quick 1).
/// </summary>
internal sealed record BenchOptions(int Clients, TimeSpan Duration, TimeSpan Warmup, int BurstNotes, TimeSpan BurstWait, bool Quick, string? BurstLog = null,
    bool ScaleOutOnly = false, string? PostgresAdmin = null, bool TelemetryOnly = false, int TelemetryRounds = 4)
{
    public IReadOnlyList<int> EventLevels => Quick ? [10] : [10, 1_000, 10_000];

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        double Get(string name, double fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new BenchOptions(
            (int)Math.Clamp(Get("--clients", 64), 1, 256),
            TimeSpan.FromSeconds(Math.Clamp(Get("--seconds", quick ? 0.5 : 5), 0.2, 300)),
            TimeSpan.FromSeconds(Math.Clamp(Get("--warmup", quick ? 0.2 : 1), 0, 60)),
            (int)Math.Clamp(Get("--burst", quick ? 100 : 1000), 10, 100_000),
            TimeSpan.FromSeconds(Math.Clamp(Get("--burst-wait", quick ? 3 : 30), 1, 600)),
            quick,
            Text("--burst-log"),
            args.Contains("--scale-out-only"),
            Text("--postgres-admin") ?? (Environment.GetEnvironmentVariable(PostgresServer.AdminVariable) is { Length: > 0 } admin ? admin : null),
            args.Contains("--telemetry-only"),
            (int)Math.Clamp(Get("--rounds", quick ? 1 : 4), 1, 50));
    }
}
