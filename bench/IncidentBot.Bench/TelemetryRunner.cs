using System.Globalization;
using System.Net;

namespace IncidentBot.Bench;

/// <summary>
/// The telemetry section: two bot processes on the same Slack stand-in, one with <c>Telemetry:Enabled=false</c>, one
/// with metrics on, tracing exported over OTLP to <see cref="OtlpSink"/> and <c>/metrics</c> scraped every second while
/// it is loaded. Windows alternate between them (off, on, on, off, …) so drift in the machine's load falls on both.
/// </summary>
internal static class TelemetryRunner
{
    private const int Incidents = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700); // longer than the delivery worker's 500 ms poll
    private static readonly TimeSpan ScrapeEvery = TimeSpan.FromSeconds(1);
    private static long sequence;

    public static async Task<TelemetrySection> RunAsync(BenchOptions options)
    {
        await using var slack = await NullSlackApi.StartAsync();
        await using var otlp = await OtlpSink.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Metrics go out over OTLP every 5 s as well as being scraped, so both paths are paid for inside the windows.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        };
        await using var off = await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, telemetry: false);
        await using var on = await ServerProcess.StartAsync(ServeOptions.Bot, slack.BaseUrl, Incidents, telemetry: true, environment: environment);
        var drainLimit = options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30);
        Task<bool> DrainAsync() => slack.WaitQuietAsync(Quiet, drainLimit);
        int[] connections = options.Clients == 1 ? [1] : [options.Clients, 1];
        var warmup = options.Warmup > TimeSpan.FromSeconds(2) ? options.Warmup : TimeSpan.FromSeconds(options.Quick ? 0.5 : 2);
        foreach (var bot in new[] { off, on })
            foreach (var c in connections) await LoadRunner.RunAsync(bot.Client, NextNote, c, warmup);
        await DrainAsync();

        var scrapes = new Scrapes();
        var windows = new List<TelemetryWindow>();
        for (var round = 0; round < options.TelemetryRounds; round++)
        {
            bool[] order = round % 2 == 0 ? [false, true] : [true, false];
            foreach (var telemetryOn in order)
                foreach (var c in connections)
                {
                    var window = await MeasureAsync(telemetryOn ? on : off, telemetryOn, c, options, DrainAsync, telemetryOn ? scrapes : null);
                    windows.Add(window);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  telemetry {(telemetryOn ? "on " : "off")} @{c,-3}: {window.Load.Throughput,7:F0} req/s, p50 {window.Load.P50Ms:F2} ms, p99 {window.Load.P99Ms:F1} ms, {window.CpuUsPerCommand:F0} µs CPU/req, {window.Load.Errors} errors"));
                }
        }
        using var offMetrics = await off.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"Telemetry really was on and off: the collector stand-in received {otlp.TraceExports} trace and {otlp.MetricExports} metric exports ({otlp.Bytes / 1024.0:F0} KiB); /metrics answered {scrapes.Ok} of {scrapes.Total} scrapes with 200 ({scrapes.Bytes / 1024.0:F0} KiB); the bot with telemetry off answers /metrics with {(int)offMetrics.StatusCode}.");
        return new TelemetrySection(windows, evidence);
    }

    private static async Task<TelemetryWindow> MeasureAsync(ServerProcess bot, bool telemetryOn, int connections, BenchOptions options,
        Func<Task<bool>> drain, Scrapes? scrapes)
    {
        await drain();
        var cpu = bot.CpuTime();
        using var stop = new CancellationTokenSource();
        var scraping = scrapes is null ? Task.CompletedTask : ScrapeAsync(bot.Client, scrapes, stop.Token);
        var load = await LoadRunner.RunAsync(bot.Client, NextNote, connections, options.Duration);
        await stop.CancelAsync();
        await scraping;
        var caughtUp = await drain();
        var cpuUs = (bot.CpuTime() - cpu).TotalMicroseconds / Math.Max(1, load.Requests);
        return new TelemetryWindow(telemetryOn, connections, load, cpuUs, caughtUp);
    }

    // What Prometheus does, only more often than its usual 15 s.
    private static async Task ScrapeAsync(HttpClient client, Scrapes scrapes, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ScrapeEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), stop);
                var body = await response.Content.ReadAsByteArrayAsync(stop);
                scrapes.Add(response.StatusCode == HttpStatusCode.OK, body.Length);
            }
        }
        catch (OperationCanceledException)
        {
            // The window ended.
        }
    }

    private static HttpRequestMessage NextNote()
    {
        var n = Interlocked.Increment(ref sequence);
        return SlackRequests.SlashCommand($"note INC-{1 + n % Incidents} bench note {n}");
    }

    private sealed class Scrapes
    {
        private long total;
        private long ok;
        private long bytes;

        public long Total => Interlocked.Read(ref total);

        public long Ok => Interlocked.Read(ref ok);

        public long Bytes => Interlocked.Read(ref bytes);

        public void Add(bool success, long length)
        {
            Interlocked.Increment(ref total);
            if (success) Interlocked.Increment(ref ok);
            Interlocked.Add(ref bytes, length);
        }
    }
}
