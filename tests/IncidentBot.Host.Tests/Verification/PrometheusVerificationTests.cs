using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Verification;

/// <summary>
/// Verification of an executed containment by a prometheus check, polled by the real bot over loopback HTTP against
/// a Prometheus-compatible stand-in (<c>GET /api/v1/query</c>) whose answer each test scripts.
/// </summary>
public sealed class PrometheusVerificationTests
{
    private const string Query = "/api/v1/query";

    [Fact]
    public async Task Verify_ValueUnderThresholdTwiceInARow_RecoveredAfterTwoPolls()
    {
        // Arrange
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.PrometheusAsync(ctx, 0.01));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, prometheus);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "verify-passes");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "recovered");

        // Assert
        var polls = incident.Events("CheckPolled").Select(e => e.Summary()).ToList();
        Assert.Equal(2, polls.Count);
        Assert.StartsWith("check error-rate: pass (1 in a row): error_rate", polls[0], StringComparison.Ordinal);
        Assert.StartsWith("check error-rate: pass (2 in a row): error_rate", polls[1], StringComparison.Ordinal);
        Assert.Contains("= 0.01 < 0.05", polls[1], StringComparison.Ordinal);
        Assert.Single(incident.Events("VerificationPassed"));
        Assert.Equal(2, prometheus.CountOf(Query));
    }

    [Fact]
    public async Task Verify_ValueStaysAboveThresholdPastWindow_VerificationFailed()
    {
        // Arrange
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.PrometheusAsync(ctx, 0.2));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, prometheus);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "verify-window");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "verificationFailed");

        // Assert
        var failed = Assert.Single(incident.Events("VerificationFailed")).Summary();
        Assert.Contains("still failing after 2 s", failed, StringComparison.Ordinal);
        Assert.Contains("= 0.2, not < 0.05", failed, StringComparison.Ordinal);
        var polls = incident.Events("CheckPolled");
        Assert.True(polls.Count >= 2, $"{polls.Count} poll(s): a 2 s window at 1 s intervals needs at least two");
        Assert.All(polls, p => Assert.StartsWith("check error-rate: fail (0 in a row)", p.Summary(), StringComparison.Ordinal));
        Assert.Empty(incident.Events("VerificationPassed"));
    }

    [Fact]
    public async Task Verify_PrometheusAnswersError_InconclusiveStillVerifyingAndPollingStops()
    {
        // Arrange
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) =>
            LoopbackTarget.ReplyAsync(ctx, 200, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query timed out\"}"));
        using var runbooks = new TargetRunbooks();
        await using var bot = await StartBotAsync(runbooks, prometheus);

        // Act
        var id = await IncidentApi.ApprovedAsync(bot.Http, "verify-passes");
        await IncidentApi.WaitForAsync(bot.Http, id, i => i.Events("VerificationInconclusive").Count > 0, "inconclusive");
        var pollsAtVerdict = prometheus.CountOf(Query);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // more than two check intervals
        var incident = await IncidentApi.GetAsync(bot.Http, id);

        // Assert
        Assert.Equal("verifying", incident.State());
        var verdict = Assert.Single(incident.Events("VerificationInconclusive")).Summary();
        Assert.Contains("Prometheus answered error: execution: query timed out", verdict, StringComparison.Ordinal);
        Assert.Contains("A person must decide", verdict, StringComparison.Ordinal);
        Assert.Equal(1, pollsAtVerdict);
        Assert.Equal(1, prometheus.CountOf(Query));
        Assert.Single(incident.Events("CheckPolled"));
    }

    private static Task<TestBot> StartBotAsync(TargetRunbooks runbooks, LoopbackTarget prometheus) =>
        TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = prometheus.BaseUrl,
        });
}
