using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// An incident declared in Slack whose announcement Slack first answers with 429 (a loopback stand-in), then takes:
/// the delivery and 429 counters move by exactly that, and every <c>incidentbot_*</c> metric the shipped Grafana
/// dashboard and Prometheus rules use is exported by the bot.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlackDeliveryMetricsTests : IAsyncLifetime
{
    private ThrottlingSlack slack = null!;
    private TestBot bot = null!;

    // No in-place retries: the throttled announcement is retried by the outbox, in its next delivery attempt.
    public async Task InitializeAsync()
    {
        slack = await ThrottlingSlack.StartAsync(maxRetries: 0);
        bot = slack.Bot;
    }

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task Metrics_SlackAnswers429ThenTakesTheMessage_OneRetryOne429NoRefusal()
    {
        // Arrange
        var before = await PrometheusText.ScrapeAsync(bot.Http);

        // Act
        await slack.DeclareAsync();
        var after = await slack.DeliveredAsync();

        // Assert
        double Delta(string name, params string[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta("incidentbot_delivery_rate_limited_total", "surface=slack"));
        Assert.Equal(1, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=retry"));
        Assert.Equal(0, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=refused"));
        Assert.Equal(1, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=delivered"));
        Assert.Equal(1, Delta("incidentbot_commands_total", "surface=slack", "verb=declare", "outcome=accepted"));
    }

    [Fact]
    public async Task DeployFiles_EveryIncidentbotMetricTheyUse_IsExported()
    {
        // Arrange
        var dashboard = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "grafana", "incidentbot.json"));
        var rules = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "prometheus", "incidentbot-rules.yaml"));
        await slack.DeclareAsync();

        // Act
        var scrape = await PrometheusText.WaitForAsync(bot.Http,
            s => s.Sum("incidentbot_deliveries_total", "surface=slack", "outcome=delivered") > 0 && s.Names.Contains("incidentbot_incidents_open"),
            "delivered and sampled");

        // Assert
        var used = System.Text.RegularExpressions.Regex.Matches(dashboard + "\n" + rules, "incidentbot_[a-z0-9_]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 10, $"only {used.Count} metric names found in the deploy files");
        Assert.Empty(used.Where(name => !scrape.Names.Contains(name)).Order(StringComparer.Ordinal));
    }
}
