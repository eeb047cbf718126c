using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// An incident declared in Slack whose announcement Slack first answers with 429 (a loopback stand-in), then takes:
/// the delivery and 429 counters move by exactly that, and every <c>incidentbot_*</c> metric the shipped Grafana
/// dashboard and Prometheus rules use is exported by the bot.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlackDeliveryMetricsTests : IAsyncLifetime
{
    private LoopbackTarget slack = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        slack = await LoopbackTarget.StartAsync((context, _) =>
        {
            if (slack!.Requests.Count == 1)
            {
                context.Response.Headers.RetryAfter = "0";
                return LoopbackTarget.ReplyAsync(context, StatusCodes.Status429TooManyRequests);
            }
            return LoopbackTarget.ReplyAsync(context, 200, """{"ok":true,"channel":"C9","ts":"1700000000.000100"}""");
        });
        bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "delivery-metrics-signing-secret",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl + "/api/",
            ["Slack:MaxRetries"] = "0",
            ["Slack:Delivery:PollInterval"] = "00:00:00.050",
            ["Slack:Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Slack:Delivery:MaxRetryDelay"] = "00:00:00.100",
            ["Telemetry:SampleInterval"] = "00:00:00.100",
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
        });
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_SlackAnswers429ThenTakesTheMessage_OneRetryOne429NoRefusal()
    {
        // Arrange
        var before = await PrometheusText.ScrapeAsync(bot.Http);

        // Act
        await DeclareInSlackAsync();
        var after = await PrometheusText.WaitForAsync(bot.Http,
            s => s.Sum("incidentbot_deliveries_total", "surface=slack", "outcome=delivered") > 0 && s.Sum("incidentbot_outbox_overdue", "kind=notify") == 0,
            "delivered to Slack");

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
        await DeclareInSlackAsync();

        // Act
        var scrape = await PrometheusText.WaitForAsync(bot.Http,
            s => s.Sum("incidentbot_deliveries_total", "surface=slack", "outcome=delivered") > 0 && s.Names.Contains("incidentbot_incidents_open"),
            "delivered and sampled");

        // Assert
        var used = System.Text.RegularExpressions.Regex.Matches(dashboard + "\n" + rules, "incidentbot_[a-z0-9_]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 10, $"only {used.Count} metric names found in the deploy files");
        Assert.Empty(used.Where(name => !scrape.Names.Contains(name)).Order(StringComparer.Ordinal));
    }

    private async Task DeclareInSlackAsync()
    {
        var engine = bot.App.Services.GetRequiredService<IncidentEngine>();
        var declared = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", "/incident declare Slack is slow sev3 runbook=ai-assistant-drift",
            "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")), CancellationToken.None);
        Assert.Equal(CommandOutcome.Applied, declared.Outcome);
    }
}
