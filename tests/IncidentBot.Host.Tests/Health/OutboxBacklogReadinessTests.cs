using System.Net;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Health;

/// <summary>
/// Slack's Web API keeps answering 500 (a loopback stand-in), so an incident's Slack messages are retried and never
/// delivered: once the oldest has waited longer than <c>Health:OutboxMaxAge</c>, <c>/healthz/ready</c> is 503 naming
/// the outbox check, while the store and runbook checks still pass.
/// </summary>
public sealed class OutboxBacklogReadinessTests : IAsyncLifetime
{
    private LoopbackTarget slack = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        slack = await LoopbackTarget.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "outbox-backlog-signing-secret",
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl + "/api/",
            ["Slack:MaxRetries"] = "0",
            ["Slack:Delivery:PollInterval"] = "00:00:00.050",
            ["Slack:Delivery:RetryBaseDelay"] = "00:00:00.100",
            ["Slack:Delivery:MaxRetryDelay"] = "00:00:00.200",
            ["Health:OutboxMaxAge"] = "00:00:00.500",
            ["Governance:People:0:Identities:slack"] = "U0ALICE",
        });
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task Ready_SlackDeliveriesFailingPastTheThreshold_503NamingTheOutbox()
    {
        // Arrange: ready while nothing is waiting.
        await ReadyProbe.WaitForAsync(bot, HttpStatusCode.OK);

        // Act: an incident declared in Slack channel C9; its announcement fails again and again.
        var engine = bot.App.Services.GetRequiredService<IncidentEngine>();
        var declared = await engine.HandleAsync(new CommandEnvelope(Surfaces.Slack, "U0ALICE", "/incident declare Slack is down sev3 runbook=ai-assistant-drift",
            "C9", "declare", null, new ConversationReference(Surfaces.Slack, "C9")), CancellationToken.None);
        Assert.Equal(CommandOutcome.Applied, declared.Outcome);
        await SlackCalledAsync(times: 2);
        var unready = await ReadyProbe.WaitForAsync(bot, HttpStatusCode.ServiceUnavailable);

        // Assert: the outbox check fails and says how long; the others pass.
        Assert.Equal("Unhealthy", unready.GetProperty("status").GetString());
        var (status, description) = ReadyProbe.Check(unready, "outbox");
        Assert.Equal("Unhealthy", status);
        Assert.Matches(@"^the oldest overdue item has waited [0-9.]+ s \(limit 0\.5 s\)$", description);
        Assert.Equal("Healthy", ReadyProbe.Check(unready, "store").Status);
        Assert.Equal("Healthy", ReadyProbe.Check(unready, "runbooks").Status);
    }

    /// <summary>Waits until the stand-in has been called <paramref name="times"/> (the message was tried and retried).</summary>
    private async Task SlackCalledAsync(int times)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (slack.Requests.Count < times)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Slack was called {slack.Requests.Count} times, not {times}");
            await Task.Delay(20);
        }
    }
}
