using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Tests.Support;

namespace IncidentBot.Integrations.Tests.Checks;

public sealed class PrometheusCheckTests
{
    private const string Query = "sum(rate(http_requests_total{service=\"{{service}}\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";
    private const string Rendered = "sum(rate(http_requests_total{service=\"checkout-api\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";

    private static string Vector(params (string Job, string Value)[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" +
        string.Join(",", series.Select(s => $"{{\"metric\":{{\"job\":\"{s.Job}\"}},\"value\":[1763780000.123,\"{s.Value}\"]}}")) + "]}}";

    private static async Task<(CheckOutcome Outcome, StandIn Server)> PollAsync(string answer, string comparison = "<", double threshold = 0.05, int status = 200,
        string query = Query)
    {
        var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, status, answer));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(prometheus: new PrometheusCheckSpec(server.BaseUrl + "/", query, comparison, threshold));
        return (await harness.Prometheus.RunAsync(context, CancellationToken.None), server);
    }

    [Fact]
    public async Task RunAsync_ValueBelowThreshold_PassesWithEscapedQuery()
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync(Vector(("api", "0.012")));
        await using var _ = server;

        // Assert
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Equal($"{Rendered}{{job=\"api\"}} = 0.012 < 0.05", outcome.Detail);
        Assert.Equal("/api/v1/query?query=" + Uri.EscapeDataString(Rendered), server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task RunAsync_SeriesTheQuerySelects_NamedOnce()
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync(Vector(("api", "0.012")), query: "error_ratio{job=\"api\"}");
        await using var _ = server;

        // Assert
        Assert.Equal("error_ratio{job=\"api\"} = 0.012 < 0.05", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_BaseUrlFromSetting_InsertedAsWritten()
    {
        // Arrange
        await using var server = await StandIn.StartAsync((ctx, _) => StandIn.ReplyAsync(ctx, 200, Vector(("api", "0.012"))));
        using var harness = Harness.Create();
        var context = TestIncidents.Check(prometheus: new PrometheusCheckSpec("{{settings.prometheus_url}}", Query, "<", 0.05),
            settings: new Dictionary<string, string> { ["prometheus_url"] = server.BaseUrl + "/practice/prometheus" });

        // Act
        var outcome = await harness.Prometheus.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Equal("/practice/prometheus/api/v1/query?query=" + Uri.EscapeDataString(Rendered), server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task RunAsync_ValueAboveThreshold_Fails()
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync(Vector(("api", "0.2")));
        await using var _ = server;

        // Assert
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.EndsWith("{job=\"api\"} = 0.2, not < 0.05", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_OneOfSeveralSeriesAbove_FailsNamingTheWorst()
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync(Vector(("a", "0.01"), ("b", "0.09"), ("c", "0.07")));
        await using var _ = server;

        // Assert
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.EndsWith(": 2 of 3 series not < 0.05; worst {job=\"b\"} = 0.09", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_ScalarAtLeastThreshold_Passes()
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1763780000,\"3\"]}}", ">=", 3);
        await using var _ = server;

        // Assert
        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.EndsWith(" = 3 >= 3", outcome.Detail);
    }

    [Theory]
    [InlineData("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}", 400, "Prometheus answered error: bad_data: parse error at char 5")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", 200, "no series (empty result)")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}}", 200, "is not a number (NaN)")]
    [InlineData("<html>bad gateway</html>", 502, "HTTP 502: the answer is not JSON")]
    public async Task RunAsync_NoUsableAnswer_Inconclusive(string answer, int status, string reason)
    {
        // Arrange + Act
        var (outcome, server) = await PollAsync(answer, status: status);
        await using var _ = server;

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.Contains(reason, outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_Unreachable_Inconclusive()
    {
        // Arrange
        using var harness = Harness.Create();
        var context = TestIncidents.Check(prometheus: new PrometheusCheckSpec($"http://127.0.0.1:{StandIn.UnusedPort()}", "up", "==", 1));

        // Act
        var outcome = await harness.Prometheus.RunAsync(context, CancellationToken.None);

        // Assert
        Assert.Equal(CheckStatus.Inconclusive, outcome.Status);
        Assert.StartsWith("up: unreachable", outcome.Detail);
    }
}
