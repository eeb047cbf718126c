using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Execution;

/// <summary>
/// Approved containments whose http steps run through the engine, the outbox worker and the real HttpExecutor over
/// loopback HTTP against a scripted stand-in: retries of idempotent steps, the step timeout, the per-host circuit
/// breaker, and a step that is not idempotent being sent once.
/// </summary>
public sealed class HttpStepExecutionTests
{
    [Fact]
    public async Task Execute_IdempotentStepFailsTwiceThenSucceeds_VerifyingAfterThreeRequestsWithOneKey()
    {
        // Arrange
        await using var target = await LoopbackTarget.StartAsync((ctx, n) => LoopbackTarget.ReplyAsync(ctx, n <= 2 ? 500 : 200, "{\"deployed\":true}"));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, target);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "flaky-call");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "verifying");

        // Assert
        var requests = target.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("/flaky", r.Path));
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Matches("^[0-9a-f]{64}$", requests[0].IdempotencyKey);
        var completed = Assert.Single(incident.Events("StepCompleted")).Summary();
        Assert.Contains("-> 200 OK", completed, StringComparison.Ordinal);
        Assert.Contains("attempts 3;", completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_EndpointSlowerThanStepTimeout_ExecutionFailedWithTimeoutAndRetryOffered()
    {
        // Arrange: the endpoint answers after 5 s; the step allows 1 s.
        await using var target = await LoopbackTarget.StartAsync(async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted);
            await LoopbackTarget.ReplyAsync(ctx, 200);
        });
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, target);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "slow-call");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "executionFailed");
        var card = await IncidentApi.CardAsync(bot.Http, id);

        // Assert
        var failed = Assert.Single(incident.Events("ExecutionFailed")).Summary();
        Assert.Contains("timed out (limit 1 s of a 1 s step)", failed, StringComparison.Ordinal);
        Assert.Equal(1, target.CountOf("/slow"));
        Assert.Contains("Retry", card.ButtonLabels());
    }

    [Fact]
    public async Task Execute_HostAlwaysUnavailable_FailsWithStatusThenSecondContainmentFailsFastOnOpenCircuit()
    {
        // Arrange: the breaker opens after 4 transient failures in a row: exactly one idempotent step's attempts.
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 503, "{\"error\":\"down\"}"));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, target, new() { ["Executors:Http:BreakerMinimumThroughput"] = "4" });

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "dead-call");
        var first = await IncidentApi.WaitForStateAsync(bot.Http, id, "executionFailed");
        var sentByFirst = target.CountOf("/dead");
        await IncidentApi.AppliedAsync(bot.Http, "alice", $"/incident contain {id} dead-call");
        await IncidentApi.AppliedAsync(bot.Http, "bob", $"/incident approve {id}");
        var second = await IncidentApi.WaitForAsync(bot.Http, id, i => i.Events("ExecutionFailed").Count == 2, "failed twice");

        // Assert
        Assert.Equal(4, sentByFirst);
        var firstFailure = Assert.Single(first.Events("ExecutionFailed")).Summary();
        Assert.Contains("-> 503 Service Unavailable", firstFailure, StringComparison.Ordinal);
        Assert.Contains("attempts 4;", firstFailure, StringComparison.Ordinal);
        Assert.Equal("executionFailed", second.State());
        var secondFailure = second.Events("ExecutionFailed")[1].Summary();
        Assert.Contains("circuit open for host " + target.BaseUrl, secondFailure, StringComparison.Ordinal);
        Assert.Contains("attempts 0", secondFailure, StringComparison.Ordinal);
        Assert.Equal(4, target.CountOf("/dead"));
    }

    [Fact]
    public async Task Execute_NonIdempotentStepGets500_SentOnceAndExecutionFailed()
    {
        // Arrange
        await using var target = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.ReplyAsync(ctx, 500, "{\"error\":\"boom\"}"));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, target);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "once-call");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "executionFailed");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a retry would have been sent by now (base delay 50 ms)

        // Assert
        Assert.Equal(1, target.CountOf("/once"));
        var failed = Assert.Single(incident.Events("ExecutionFailed")).Summary();
        Assert.Contains("-> 500 Internal Server Error", failed, StringComparison.Ordinal);
        Assert.Contains("not retried: the step is not idempotent", failed, StringComparison.Ordinal);
    }

    private static Task<TestBot> StartBotAsync(TargetRunbooks runbooks, LoopbackTarget target, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = target.BaseUrl,
            ["Executors:Http:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return TestBot.StartAsync(settings: settings);
    }
}
