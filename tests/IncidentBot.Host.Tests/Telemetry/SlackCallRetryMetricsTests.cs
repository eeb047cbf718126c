using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// An incident declared in Slack whose announcement Slack first answers with 429 and <c>Retry-After: 0</c> (a loopback
/// stand-in): the Slack client retries the call in place, inside the same delivery attempt, so
/// <c>incidentbot_api_retries_total</c> moves and the outbox's own retry counter does not.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlackCallRetryMetricsTests : IAsyncLifetime
{
    private ThrottlingSlack slack = null!;

    public async Task InitializeAsync() => slack = await ThrottlingSlack.StartAsync(maxRetries: 2);

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task Metrics_SlackAnswers429WithRetryAfterZero_OneInPlaceRetryNoOutboxRetry()
    {
        // Arrange
        var before = await PrometheusText.ScrapeAsync(slack.Bot.Http);

        // Act
        await slack.DeclareAsync();
        var after = await slack.DeliveredAsync();

        // Assert
        double Delta(string name, params string[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta("incidentbot_api_retries_total", "surface=slack"));
        Assert.Equal(1, Delta("incidentbot_delivery_rate_limited_total", "surface=slack"));
        Assert.Equal(0, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=retry"));
        Assert.Equal(1, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=delivered"));
    }
}
