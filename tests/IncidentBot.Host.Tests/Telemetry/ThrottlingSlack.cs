using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// A bot whose Slack Web API is a loopback stand-in that answers its first call with 429 and <c>Retry-After: 0</c>, then
/// takes every message. <c>Slack:MaxRetries</c> decides who retries the throttled call: the Slack client in place
/// (above 0) or the outbox in a later delivery attempt (0).
/// </summary>
internal sealed class ThrottlingSlack : IAsyncDisposable
{
    private readonly LoopbackTarget slack;

    private ThrottlingSlack(LoopbackTarget slack, TestBot bot) => (this.slack, Bot) = (slack, bot);

    /// <summary>The bot under test.</summary>
    public TestBot Bot { get; }

    /// <summary>Starts the stand-in and the bot.</summary>
    public static async Task<ThrottlingSlack> StartAsync(int maxRetries)
    {
        LoopbackTarget? slack = null;
        slack = await LoopbackTarget.StartAsync((context, _) =>
        {
            if (slack!.Requests.Count == 1)
            {
                context.Response.Headers.RetryAfter = "0";
                return LoopbackTarget.ReplyAsync(context, StatusCodes.Status429TooManyRequests);
            }
            return LoopbackTarget.ReplyAsync(context, 200, """{"ok":true,"channel":"C9","ts":"1700000000.000100"}""");
        });
        var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "delivery-metrics-signing-secret",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl + "/api/",
            ["Slack:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slack:Delivery:PollInterval"] = "00:00:00.050",
            ["Slack:Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Slack:Delivery:MaxRetryDelay"] = "00:00:00.100",
            ["Telemetry:SampleInterval"] = "00:00:00.100",
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
        });
        return new ThrottlingSlack(slack, bot);
    }

    /// <summary>Declares an incident from Slack channel C9, whose announcement the stand-in throttles first.</summary>
    public async Task DeclareAsync()
    {
        var engine = Bot.App.Services.GetRequiredService<IncidentEngine>();
        var declared = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", "/incident declare Slack is slow sev3 runbook=ai-assistant-drift",
            "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")), CancellationToken.None);
        Assert.Equal(CommandOutcome.Applied, declared.Outcome);
    }

    /// <summary>Waits until the announcement is delivered and nothing is left to deliver, and returns that scrape.</summary>
    public Task<PrometheusText> DeliveredAsync() => PrometheusText.WaitForAsync(Bot.Http,
        s => s.Sum("incidentbot_deliveries_total", "surface=slack", "outcome=delivered") > 0 && s.Sum("incidentbot_outbox_overdue", "kind=notify") == 0,
        "delivered to Slack");

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await slack.DisposeAsync();
    }
}
