using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// An incident declared in Slack whose announcement Slack first answers with 429 and <c>Retry-After: 0</c> (a loopback
/// stand-in): the Slack client retries the call in place, inside the same delivery attempt, so
/// <c>incidentbot_api_retries_total</c> moves and the outbox's own retry counter does not.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlackCallRetryMetricsTests : IAsyncLifetime
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
            ["Slack:SigningSecret"] = "call-retry-metrics-signing-secret",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl + "/api/",
            ["Slack:MaxRetries"] = "2",
            ["Slack:Delivery:PollInterval"] = "00:00:00.050",
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
    public async Task Metrics_SlackAnswers429WithRetryAfterZero_OneInPlaceRetryNoOutboxRetry()
    {
        // Arrange
        var before = await PrometheusText.ScrapeAsync(bot.Http);

        // Act
        var result = await bot.App.Services.GetRequiredService<IncidentEngine>().HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE",
            "/incident declare Slack is slow sev3 runbook=ai-assistant-drift", "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")),
            CancellationToken.None);
        var after = await PrometheusText.WaitForAsync(bot.Http,
            s => s.Sum("incidentbot_deliveries_total", "surface=slack", "outcome=delivered") > 0 && s.Sum("incidentbot_outbox_overdue", "kind=notify") == 0,
            "delivered to Slack");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        double Delta(string name, params string[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta("incidentbot_api_retries_total", "surface=slack"));
        Assert.Equal(1, Delta("incidentbot_delivery_rate_limited_total", "surface=slack"));
        Assert.Equal(0, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=retry"));
        Assert.Equal(1, Delta("incidentbot_deliveries_total", "surface=slack", "outcome=delivered"));
    }
}
