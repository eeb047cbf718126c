using System.Diagnostics;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Telemetry;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Telemetry;

/// <summary>
/// The engine's <c>incidentbot.command</c> span, recorded by a listener that keeps only spans in this test's own trace
/// (other tests run engines in parallel on the same source).
/// </summary>
public sealed class EngineSpanTests : IDisposable
{
    private const string TestSourceName = "IncidentBot.Core.Tests.EngineSpans";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly ActivityListener listener = new();
    private readonly List<Activity> stopped = [];

    public EngineSpanTests()
    {
        listener.ShouldListenTo = s => s.Name == BotTelemetry.Name || s.Name == TestSourceName;
        listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        listener.ActivityStopped = a =>
        {
            lock (stopped) stopped.Add(a);
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task Handle_FreeText_HasCommandSpanWithUnparsedVerb()
    {
        // Arrange
        var h = new EngineHarness();
        using var root = TestSource.StartActivity("test")!;

        // Act
        var result = await h.Engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "alice", "/incident please-page-everyone-now"), CancellationToken.None);

        // Assert
        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        var span = Assert.Single(Mine(root), a => a.OperationName == BotSpans.Command);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.Equal("slack", span.GetTagItem(BotSpans.Surface));
        Assert.Equal(IncidentEngine.UnparsedVerb, span.GetTagItem(BotSpans.Verb));
        Assert.Equal("answered", span.GetTagItem(BotSpans.Outcome));
        Assert.DoesNotContain(span.TagObjects, t => t.Value is string s && s.Contains("please-page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_ParsedCommand_HasCommandSpanWithVerbAndIncident()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);
        using var root = TestSource.StartActivity("test")!;

        // Act
        var result = await h.Engine.HandleAsync(new CommandEnvelope(Surfaces.Console, "alice", $"/incident note {id} checking the router"), CancellationToken.None);

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var span = Assert.Single(Mine(root), a => a.OperationName == BotSpans.Command);
        Assert.Equal(("console", "note", id, "applied"),
            ((string?)span.GetTagItem(BotSpans.Surface), (string?)span.GetTagItem(BotSpans.Verb), (string?)span.GetTagItem(BotSpans.IncidentId),
                (string?)span.GetTagItem(BotSpans.Outcome)));
    }

    private List<Activity> Mine(Activity root)
    {
        lock (stopped) return [.. stopped.Where(a => a.TraceId == root.TraceId)];
    }
}
