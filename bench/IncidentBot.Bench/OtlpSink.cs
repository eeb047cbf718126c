using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>
/// A loopback OpenTelemetry collector stand-in for OTLP over HTTP/protobuf: it reads and counts every export
/// (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) and answers 200 with an empty protobuf response, so the bot
/// under test pays the full cost of building, serialising and sending its telemetry, and the harness can show that
/// telemetry really went out.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private long traceExports;
    private long metricExports;
    private long bytes;

    private OtlpSink(WebApplication app) => this.app = app;

    /// <summary>The base URL to put in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public long TraceExports => Interlocked.Read(ref traceExports);

    public long MetricExports => Interlocked.Read(ref metricExports);

    public long Bytes => Interlocked.Read(ref bytes);

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sink = new OtlpSink(builder.Build());
        sink.app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            var buffer = new byte[16 * 1024];
            long read = 0;
            int n;
            while ((n = await request.Body.ReadAsync(buffer)) > 0) read += n;
            Interlocked.Add(ref sink.bytes, read);
            if (signal == "traces") Interlocked.Increment(ref sink.traceExports);
            else if (signal == "metrics") Interlocked.Increment(ref sink.metricExports);
            return Results.Bytes([], "application/x-protobuf");
        });
        await sink.app.StartAsync();
        sink.BaseUrl = sink.app.Urls.First().TrimEnd('/');
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
