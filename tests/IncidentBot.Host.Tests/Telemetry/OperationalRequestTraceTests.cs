using System.Diagnostics;
using IncidentBot.Host.Telemetry;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>Health probes and metric scrapes come every few seconds and say nothing about incidents: they are not traced.</summary>
public sealed class OperationalRequestTraceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProbesAndScrapes_InATrace_LeaveNoSpan_WhileAnApiCallDoes()
    {
        // Arrange
        var spans = new ExportedSpans();
        await using var bot = await TestBot.StartAsync(
            configure: builder => builder.Services.AddOpenTelemetry().WithTracing(t => t.ConfigureBotTracing().AddInMemoryExporter(spans)));

        // Act: a probe, a scrape, then an API read, all in one sampled trace of the test's own.
        ActivityTraceId trace;
        using (var probing = new Activity("test probe").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            probing.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            trace = probing.TraceId;
            (await bot.Http.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            (await bot.Http.GetAsync(new Uri("/healthz/live", UriKind.Relative))).EnsureSuccessStatusCode();
            (await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative))).EnsureSuccessStatusCode();
            (await bot.Http.GetAsync(new Uri("/api/incidents", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        // Assert: the API read's server span arrived (after the others ended), and it is the only server span.
        var read = await spans.WaitForAsync(s => s.TraceId == trace && s.Kind == ActivityKind.Server && Path(s) == "/api/incidents", Within, "of GET /api/incidents");
        var server = spans.Of(trace).Where(s => s.Kind == ActivityKind.Server).Select(Path).ToList();
        Assert.Equal(["/api/incidents"], server);
        // The server span keeps the HTTP semantic-convention tags (ASP.NET Core sets them itself; the instrumentation no longer repeats them).
        Assert.Equal(("GET", "200", "/api/incidents"),
            (Tag(read, "http.request.method"), Tag(read, "http.response.status_code"), Tag(read, "http.route")));
        Assert.False(AppContext.TryGetSwitch(TelemetryServiceCollectionExtensions.SuppressAspNetCoreActivityTags, out var suppressed) && suppressed);
    }

    private static string Path(Activity span) => Tag(span, "url.path");

    private static string Tag(Activity span, string name) => span.GetTagItem(name)?.ToString() ?? "(none)";
}
