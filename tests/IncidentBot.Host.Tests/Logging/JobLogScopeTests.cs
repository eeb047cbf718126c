using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Jobs;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Integrations.Http;

namespace IncidentBot.Host.Tests.Logging;

/// <summary>
/// The job worker runs each job in a log scope: an approved execution (the real host, the real HttpExecutor against a
/// loopback target) logs its HTTP step and its completion with the incident, the bot's own surface and the outbox row
/// as scope values, as the delivery worker's lines carry theirs (<see cref="JsonConsoleLogTests"/>).
/// </summary>
public sealed class JobLogScopeTests
{
    private const int OutboxItemDone = 1011;
    private const int HttpStepDone = 4000;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Approve_ExecuteJobRun_WorkersAndHandlersLinesCarryIncidentSurfaceAndOutboxRow()
    {
        // Arrange
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 200, "{\"deployed\":true}"));
        using var runbooks = new TargetRunbooks();
        var logs = new ScopedLogs();
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = target.BaseUrl,
        }, configure: builder => logs.AddTo(builder.Logging));
        var id = await IncidentApi.ChooseAsync(bot.Http, "flaky-call");

        // Act
        await IncidentApi.AppliedAsync(bot.Http, "bob", $"/incident approve {id}");
        var done = await logs.WaitForAsync(e => e.Category == typeof(JobWorker).FullName && e.EventId.Id == OutboxItemDone && e.Message.Contains($"/{JobKind.Execute.Name})", StringComparison.Ordinal),
            Within, "of the execute job done");

        // Assert: the worker's own line...
        Assert.Equal(id, done.Scope(LogScope.IncidentIdKey));
        Assert.Equal(Surfaces.System, done.Scope(LogScope.SurfaceKey));
        var row = done.Scope(LogScope.DeliveryIdKey);
        Assert.NotNull(row);
        Assert.StartsWith("outbox:", row, StringComparison.Ordinal);
        Assert.Contains($"Outbox item {row["outbox:".Length..]} ", done.Message, StringComparison.Ordinal);
        // ...and its handler's line, written by another class deeper in the call, carry the same scope.
        var step = Assert.Single(logs.Entries, e => e.Category == typeof(HttpExecutor).FullName && e.EventId.Id == HttpStepDone);
        Assert.Equal((id, Surfaces.System, row), (step.Scope(LogScope.IncidentIdKey), step.Scope(LogScope.SurfaceKey), step.Scope(LogScope.DeliveryIdKey)));
    }
}
