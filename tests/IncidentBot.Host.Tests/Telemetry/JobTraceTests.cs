using System.Diagnostics;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Telemetry;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// A job carries the trace of the command that caused it: the approval that starts an execution, the job the outbox
/// worker runs for it, and the executor's HTTP call to the target (whose <c>traceparent</c> header names that trace).
/// The real host, the real HttpExecutor over loopback; spans go to an in-memory exporter.
/// </summary>
public sealed class JobTraceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Approve_HttpStepRunByTheJobWorker_JobAndItsCallAreInTheApprovalsTrace()
    {
        // Arrange
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 200, "{\"deployed\":true}"));
        using var runbooks = new TargetRunbooks();
        var spans = new ExportedSpans();
        await using var bot = await StartTracedAsync(runbooks, target, spans);
        var id = await IncidentApi.ChooseAsync(bot.Http, "flaky-call");

        // Act: bob approves inside a trace of the test's own (sampled), which the request carries to the bot.
        var trace = await InOwnTraceAsync("test approve", () => IncidentApi.AppliedAsync(bot.Http, "bob", $"/incident approve {id}"));
        var job = await spans.WaitForAsync(s => s.TraceId == trace && s.OperationName == BotSpans.Job && Tag(s, BotSpans.JobKind) == "execute", Within, "of the execute job");

        // Assert: the job is a child of the approval's decision, and its HTTP call reached the target in the same trace.
        var decide = Assert.Single(spans.Of(trace), s => s.OperationName == BotSpans.Decide && Tag(s, BotSpans.Verb) == "approve");
        Assert.Equal(decide.SpanId, job.ParentSpanId);
        Assert.Equal((id, "done"), (Tag(job, BotSpans.IncidentId), Tag(job, BotSpans.Outcome)));
        var call = Assert.Single(spans.Of(trace), s => s.Kind == ActivityKind.Client && s.ParentSpanId == job.SpanId);
        Assert.EndsWith("/flaky", Tag(call, "url.full"), StringComparison.Ordinal);
        var header = Assert.Single(target.TraceParents);
        Assert.True(ActivityContext.TryParse(header, null, out var received), $"traceparent '{header}'");
        Assert.Equal((trace, call.SpanId), (received.TraceId, received.SpanId));
    }

    [Fact]
    public async Task Contain_ApprovalReminderTimerFires_TimerJobStartsItsOwnTraceLinkedToTheChoice()
    {
        // Arrange: the reminder fires a second after the choice that asked for approval.
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 200, "{}"));
        using var runbooks = new TargetRunbooks();
        var spans = new ExportedSpans();
        await using var bot = await StartTracedAsync(runbooks, target, spans, ("Engine:ApprovalReminderAfter", "00:00:01"));

        // Act: the whole set-up, the choice that schedules the reminder included, runs inside the test's own trace.
        var id = "";
        var trace = await InOwnTraceAsync("test choose", async () => id = await IncidentApi.ChooseAsync(bot.Http, "flaky-call"));
        var timer = await spans.WaitForAsync(s => s.OperationName == BotSpans.Job && Tag(s, BotSpans.JobKind) == "timer" && Tag(s, BotSpans.IncidentId) == id,
            Within, "of the reminder's timer job");

        // Assert: a root span of a new trace, linked to the decision that scheduled it.
        Assert.NotEqual(trace, timer.TraceId);
        Assert.Equal(default, timer.ParentSpanId);
        var link = Assert.Single(timer.Links);
        Assert.Equal(trace, link.Context.TraceId);
        var contain = Assert.Single(spans.Of(trace), s => s.OperationName == BotSpans.Decide && Tag(s, BotSpans.Verb) == "contain");
        Assert.Equal(contain.SpanId, link.Context.SpanId);
        Assert.Equal("done", Tag(timer, BotSpans.Outcome));
    }

    /// <summary>The real host with <paramref name="runbooks"/>, executor setting <c>target</c> pointing at
    /// <paramref name="target"/>, any <paramref name="extra"/> settings, and every span going to <paramref name="spans"/>.</summary>
    private static Task<TestBot> StartTracedAsync(TargetRunbooks runbooks, LoopbackTarget target, ExportedSpans spans, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = target.BaseUrl,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return TestBot.StartAsync(settings: settings,
            configure: builder => builder.Services.AddOpenTelemetry().WithTracing(t => t.ConfigureBotTracing().AddInMemoryExporter(spans)));
    }

    /// <summary>Runs <paramref name="act"/> inside a sampled W3C trace of the test's own (requests carry it to the bot)
    /// and returns that trace's id.</summary>
    private static async Task<ActivityTraceId> InOwnTraceAsync(string name, Func<Task> act)
    {
        using var root = new Activity(name).SetIdFormat(ActivityIdFormat.W3C).Start();
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        await act();
        return root.TraceId;
    }

    private static string Tag(Activity span, string name) => span.GetTagItem(name)?.ToString() ?? "(none)";
}
