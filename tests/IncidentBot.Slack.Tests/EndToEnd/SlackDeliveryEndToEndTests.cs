using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.EndToEnd;

/// <summary>
/// The real bot process (<see cref="BotProcess"/>) over loopback HTTP on both sides: people type signed
/// <c>/incident</c> commands into it the way Slack sends them, and it delivers the incident threads to the Slack
/// stand-in. Slack fails (429, then 500 for a while), and the bot is killed and restarted in the middle of it.
/// </summary>
public sealed class SlackDeliveryEndToEndTests
{
    private const string Secret = "e2e-signing-secret";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private int triggers;

    [Fact]
    public async Task Bot_RateLimitThenOutageWithRestartInTheMiddle_EveryMessageArrivesOnceInOrder()
    {
        // Arrange: C1 is healthy until the outage starts; then it answers 429 (Retry-After 1 s) once and 500 until it ends.
        await using var slack = await SlackStandIn.StartAsync();
        var outage = new Outage();
        slack.Fault = call => ThreadTranscript.Str(call, "channel") == "C1" ? outage.Next() : null;
        await using var process = await BotProcess.StartNewAsync(BotEnvironment(slack));
        await using var reader = await InProcessBot.StartAsync(slack: null, databasePath: process.DatabasePath); // reads the bot's database
        var failing = await DeclareAsync(process, "C1", "Failing thread");
        var healthy = await DeclareAsync(process, "C2", "Healthy thread");
        await WaitDoneAsync(reader, process);

        // Act: both incidents change during the outage; the bot dies in the middle of it and comes back.
        outage.Start();
        for (var i = 1; i <= 3; i++)
        {
            await CommandAsync(process, "C1", $"note {failing} failing before the crash {i}");
            await CommandAsync(process, "C2", $"note {healthy} healthy before the crash {i}");
        }
        await Eventually.TrueAsync(() => slack.Calls.Count(c => c.Fault?.Status == 500) >= 2, Within, () => "no 500s seen\n" + process.Output);
        await WaitDoneAsync(reader, process, healthy); // nothing of the healthy incident in flight when the bot dies
        await process.KillAsync();
        var failuresBeforeRestart = slack.Calls.Count(c => c.Fault is not null);
        await process.StartAsync();
        for (var i = 1; i <= 2; i++)
        {
            await CommandAsync(process, "C1", $"note {failing} failing after the restart {i}");
            await CommandAsync(process, "C2", $"note {healthy} healthy after the restart {i}");
        }
        await Eventually.TrueAsync(() => slack.Calls.Count(c => c.Fault is not null) > failuresBeforeRestart, Within, () => "no retry after the restart\n" + process.Output);
        outage.End();
        await WaitDoneAsync(reader, process);

        // Assert: the retry after the 429 waited for Retry-After...
        var c1 = slack.Calls.Where(c => ThreadTranscript.Str(c, "channel") == "C1" && c.Method is "chat.postMessage" or "chat.update").ToList();
        var limited = c1.FindIndex(c => c.Fault?.Status == 429);
        Assert.True(c1[limited + 1].ReceivedUtc - c1[limited].ReceivedUtc >= TimeSpan.FromMilliseconds(950), "the retry did not wait for Retry-After");
        // ...and every change's line arrived once, in commit order, the root refreshed to the incident's current card.
        var render = ProductRenderer(slack);
        foreach (var (incident, channel) in new[] { (failing, "C1"), (healthy, "C2") })
        {
            Assert.Single(ThreadTranscript.Roots(slack, channel));
            var thread = (await reader.Store.ConversationsOfAsync(incident, CancellationToken.None)).Single(c => c.Thread is not null);
            var rootTs = thread.Thread!;
            var expected = await reader.ExpectedLinesAsync(incident);
            Assert.Equal(5, expected.Count);
            // The bot process names alice by its own directory; what was done, and the note's text, is the same.
            Assert.Equal(expected.Select(ThreadTranscript.WithoutWho), ThreadTranscript.Lines(slack, rootTs).Select(ThreadTranscript.WithoutWho));
            var current = await reader.Engine.CardAsync(incident, CancellationToken.None);
            Assert.Equal(ThreadTranscript.Fingerprint(render(current!)), ThreadTranscript.LastUpdate(slack, rootTs));
        }
        SlackMessageChecks.AssertWithinLimits(slack.Calls);
        Assert.DoesNotContain("xoxb-test", process.Output, StringComparison.Ordinal);
    }

    private async Task<string> DeclareAsync(BotProcess process, string channel, string title)
    {
        await CommandAsync(process, channel, $"declare {title} sev3 runbook=ai-assistant-drift");
        var incidents = await process.Http.GetFromJsonAsync<JsonElement>("api/incidents");
        return incidents.EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;
    }

    /// <summary>Sends <c>/incident {text}</c> from alice in <paramref name="channel"/>, signed like Slack.</summary>
    private async Task CommandAsync(BotProcess process, string channel, string text)
    {
        var body = Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand(InProcessBot.SlackUser, channel, text, $"e2e.{Interlocked.Increment(ref triggers)}"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", SlackPayloads.Form);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(Secret, timestamp, body));
        using var response = await process.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/incident {text}: {(int)response.StatusCode}\n{process.Output}");
    }

    private static Dictionary<string, string> BotEnvironment(SlackStandIn slack) => new()
    {
        ["Slack__SigningSecret"] = Secret,
        ["Slack__BotToken"] = "xoxb-test",
        ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Slack__MaxRetries"] = "2",
        ["Slack__CallTimeout"] = "00:00:02",
        ["Slack__Pacing__MessagesPerSecond"] = "100",
        ["Slack__Pacing__UpdatesPerSecond"] = "100",
        ["Slack__Delivery__PollInterval"] = "00:00:00.100",
        ["Slack__Delivery__Lease"] = "00:00:03",
        ["Slack__Delivery__RetryBaseDelay"] = "00:00:00.200",
        ["Slack__Delivery__MaxRetryDelay"] = "00:00:01",
        // alice (on-call in appsettings.Development.json) is U0ALICE on Slack.
        ["Governance__People__0__Id"] = "alice",
        ["Governance__People__0__Identities__slack"] = InProcessBot.SlackUser,
        ["Logging__LogLevel__IncidentBot"] = "Debug",
    };

    /// <summary>The renderer the bot process uses, composed the same way.</summary>
    private static Func<Card, SlackMessage> ProductRenderer(SlackStandIn slack)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        }).Build();
        return new ServiceCollection().AddLogging().AddSlackDelivery(configuration).BuildServiceProvider().GetRequiredService<BlockKitRenderer>().Render;
    }

    private static Task WaitDoneAsync(InProcessBot reader, BotProcess process, string? incident = null) =>
        Eventually.TrueAsync(async () => (await reader.NotificationsAsync()).Where(n => incident is null || n.Stream == incident).All(n => n.DoneUtc is not null),
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
