using System.Diagnostics;
using System.Text;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// Traces leave the bot over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: with it, a command's spans reach
/// a loopback OTLP/HTTP receiver; without it, no tracer is registered at all.
/// </summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Command_OtlpEndpointSet_ItsSpansArePostedToTheReceiverInItsTrace()
    {
        // Arrange: a receiver that remembers the first trace export holding the test's trace and the engine's span.
        using var declaring = new Activity("test declare").SetIdFormat(ActivityIdFormat.W3C);
        var exported = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[]? traceId = null;
        await using var receiver = await LoopbackTarget.StartAsync(async (ctx, _) =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
            var bytes = body.ToArray();
            if (ctx.Request.Path == "/v1/traces" && traceId is { } id && Holds(bytes, id) && Holds(bytes, Encoding.UTF8.GetBytes("incidentbot.command")))
                exported.TrySetResult(bytes);
            ctx.Response.StatusCode = StatusCodes.Status200OK;
        });
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        // Act: a declaration, in a sampled trace of the test's own that the request carries to the bot.
        declaring.Start();
        declaring.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var id = new byte[16];
        declaring.TraceId.CopyTo(id);
        traceId = id;
        await IncidentApi.AppliedAsync(bot.Http, "alice", "/incident declare Checkout errors sev2 service=checkout-api");
        declaring.Stop();

        // Assert
        Assert.NotNull(bot.App.Services.GetService<TracerProvider>());
        var payload = await exported.Task.WaitAsync(Within);
        Assert.True(Holds(payload, Encoding.UTF8.GetBytes("incidentbot.incident_id")), "the command's span carries no incident id");
    }

    [Fact]
    public async Task Start_NoOtlpEndpoint_RegistersNoTracer()
    {
        // Act
        await using var bot = await TestBot.StartAsync();

        // Assert
        Assert.Null(bot.App.Services.GetService<TracerProvider>());
    }

    private static bool Holds(byte[] payload, byte[] part) => payload.AsSpan().IndexOf(part) >= 0;
}
