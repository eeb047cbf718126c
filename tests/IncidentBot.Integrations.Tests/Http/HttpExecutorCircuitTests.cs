using IncidentBot.Integrations.Tests.Support;

namespace IncidentBot.Integrations.Tests.Http;

public sealed class HttpExecutorCircuitTests
{
    [Fact]
    public async Task ExecuteAsync_HostRecoversAfterBreakDuration_CircuitLetsTheNextStepThrough()
    {
        // Arrange: 3 failures open the breaker for 0.5 s; the host is healthy again afterwards.
        await using var server = await StandIn.StartAsync((ctx, n) => StandIn.ReplyAsync(ctx, n <= 3 ? 503 : 200, "{}"));
        using var harness = Harness.Create(new Dictionary<string, string?> { ["Executors:Http:BreakDuration"] = "00:00:00.500" });
        var step = TestIncidents.HttpStep("POST", server.BaseUrl + "/deploys", "{}");
        for (var i = 0; i < 3; i++) await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);
        var whileOpen = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        // Act
        var afterBreak = await harness.Executor.ExecuteAsync(TestIncidents.Step(step), CancellationToken.None);

        // Assert
        Assert.Contains("circuit open for host", whileOpen.Summary);
        Assert.True(afterBreak.Succeeded, afterBreak.Summary);
        Assert.Equal(4, server.Count);
    }
}
