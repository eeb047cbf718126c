using System.Collections.Concurrent;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.EndToEnd;

/// <summary>
/// The real bot process (<see cref="BotProcess"/>) delivering to the Slack stand-in over loopback HTTP, while this
/// process declares and changes incidents as a Slack user through the engine on the same database file (the way the
/// inbound Slack endpoints do once they are merged). Slack fails, the bot is killed mid-outage and restarted.
/// </summary>
public sealed class SlackDeliveryEndToEndTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bot_RateLimitThenOutageWithRestartInTheMiddle_EveryMessageArrivesOnceInOrder()
    {
        // Arrange: C1 is healthy until the outage starts; then it answers 429 (Retry-After 1 s) once and 500 until it ends.
        await using var slack = await SlackStandIn.StartAsync();
        var outage = new Outage();
        slack.Fault = call => ThreadTranscript.Str(call, "channel") == "C1" ? outage.Next() : null;
        await using var process = await BotProcess.StartNewAsync(BotEnvironment(slack));
        await using var engine = await InProcessBot.StartAsync(slack: null, databasePath: process.DatabasePath);
        var failing = await engine.DeclareAsync("C1", "Failing thread");
        var healthy = await engine.DeclareAsync("C2", "Healthy thread");
        await WaitDoneAsync(engine, process);

        // Act: both incidents change during the outage; the bot dies in the middle of it and comes back.
        outage.Start();
        for (var i = 1; i <= 3; i++)
        {
            await engine.NoteAsync(failing, $"failing before the crash {i}");
            await engine.NoteAsync(healthy, $"healthy before the crash {i}");
        }
        await Eventually.TrueAsync(() => slack.Calls.Count(c => c.Fault?.Status == 500) >= 2, Within, () => "no 500s seen\n" + process.Output);
        await WaitDoneAsync(engine, process, healthy); // nothing of the healthy incident in flight when the bot dies
        await process.KillAsync();
        for (var i = 1; i <= 2; i++)
        {
            await engine.NoteAsync(failing, $"failing while the bot is down {i}");
            await engine.NoteAsync(healthy, $"healthy while the bot is down {i}");
        }
        var failuresBeforeRestart = slack.Calls.Count(c => c.Fault is not null);
        await process.StartAsync();
        await Eventually.TrueAsync(() => slack.Calls.Count(c => c.Fault is not null) > failuresBeforeRestart, Within, () => "no retry after the restart\n" + process.Output);
        outage.End();
        await WaitDoneAsync(engine, process);

        // Assert: the retry after the 429 waited for Retry-After...
        var c1 = slack.Calls.Where(c => ThreadTranscript.Str(c, "channel") == "C1").ToList();
        var limited = c1.FindIndex(c => c.Fault?.Status == 429);
        Assert.True(c1[limited + 1].ReceivedUtc - c1[limited].ReceivedUtc >= TimeSpan.FromMilliseconds(950), "the retry did not wait for Retry-After");
        // ...and every message arrived once, in commit order, the root refreshed to the incident's current card.
        var render = ProductRenderer(slack);
        var notifications = await engine.NotificationsAsync();
        foreach (var (incident, channel) in new[] { (failing, "C1"), (healthy, "C2") })
        {
            Assert.Single(ThreadTranscript.Roots(slack, channel));
            var (_, key) = Assert.Single(await engine.Store.ConversationsOfAsync(incident, CancellationToken.None));
            Assert.True(SlackConversations.TryParseMessage(key, out _, out var rootTs));
            var expected = ThreadTranscript.Expected(notifications, incident, render);
            Assert.Equal(5, expected.Count);
            Assert.Equal(expected, ThreadTranscript.Replies(slack, rootTs));
            var current = await engine.Engine.CardAsync(incident, CancellationToken.None);
            Assert.Equal(render(current!).Text, ThreadTranscript.Str(slack.Succeeded("chat.update").Last(c => ThreadTranscript.Str(c, "ts") == rootTs), "text"));
        }
        SlackMessageChecks.AssertWithinLimits(slack.Calls);
        Assert.DoesNotContain("xoxb-test", process.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> BotEnvironment(SlackStandIn slack) => new()
    {
        ["Slack__SigningSecret"] = "e2e-signing-secret",
        ["Slack__BotToken"] = "xoxb-test",
        ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Slack__MaxRetries"] = "2",
        ["Slack__CallTimeout"] = "00:00:02",
        ["Slack__Delivery__PollInterval"] = "00:00:00.100",
        ["Slack__Delivery__Lease"] = "00:00:03",
        ["Slack__Delivery__RetryBaseDelay"] = "00:00:00.200",
        ["Slack__Delivery__MaxRetryDelay"] = "00:00:01",
        ["Logging__LogLevel__IncidentBot"] = "Debug",
    };

    /// <summary>The renderer the bot process uses, composed the same way.</summary>
    private static RenderCard ProductRenderer(SlackStandIn slack)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        }).Build();
        return new ServiceCollection().AddLogging().AddSlackDelivery(configuration).BuildServiceProvider().GetRequiredService<RenderCard>();
    }

    private static Task WaitDoneAsync(InProcessBot engine, BotProcess process, string? incident = null) =>
        Eventually.TrueAsync(async () => (await engine.NotificationsAsync()).Where(n => incident is null || n.Stream == incident).All(n => n.DoneUtc is not null),
            Within, () => "notifications not delivered\n" + process.Output[^Math.Min(process.Output.Length, 4000)..]);

    /// <summary>The stand-in's C1 behaviour: healthy, then one 429 with Retry-After 1 s, then 500 until <see cref="End"/>.</summary>
    private sealed class Outage
    {
        private readonly ConcurrentQueue<StandInFault> plan = new();
        private volatile bool down;

        public void Start()
        {
            plan.Enqueue(new StandInFault(429, RetryAfterSeconds: 1));
            down = true;
        }

        public void End() => down = false;

        public StandInFault? Next() => !down ? null : plan.TryDequeue(out var first) ? first : new StandInFault(500);
    }
}
