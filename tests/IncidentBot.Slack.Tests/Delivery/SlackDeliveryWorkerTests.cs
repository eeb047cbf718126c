using IncidentBot.Core.Evidence;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackDeliveryWorkerTests : DeliveryTestBase
{
    [Fact]
    public async Task ExecuteAsync_DeclarationThenNotes_PostsRootOnceThenRepliesInOrderAndUpdatesRoot()
    {
        // Arrange
        var incident = await Bot.DeclareAsync("C100", "Checkout errors");
        for (var i = 1; i <= 3; i++) await Bot.NoteAsync(incident, $"note {i}");

        // Act
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        var root = Assert.Single(ThreadTranscript.Roots(Slack, "C100"));
        var current = await Bot.Engine.CardAsync(incident, CancellationToken.None);
        Assert.Contains(incident, ThreadTranscript.Str(root, "text"), StringComparison.Ordinal);
        var (surface, key) = Assert.Single(await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None));
        Assert.Equal(Surfaces.Slack, surface);
        Assert.True(SlackConversations.TryParseMessage(key, out var channel, out var rootTs));
        Assert.Equal("C100", channel);
        Assert.Equal(ThreadTranscript.Expected(await Bot.NotificationsAsync(), incident, Bot.Render), ThreadTranscript.Replies(Slack, rootTs));
        Assert.Equal(3, ThreadTranscript.Replies(Slack, rootTs).Count);
        Assert.Equal(ThreadTranscript.Fingerprint(Bot.Render(current!)), ThreadTranscript.LastUpdate(Slack, rootTs));
    }

    [Fact]
    public async Task ExecuteAsync_429ThenOutageOnOneIncident_EveryMessageOnceInOrderAndOthersNotBlocked()
    {
        // Arrange: channel C1 answers 429 (Retry-After 1 s) once, then 500 until the outage ends; C2 is healthy.
        var outageEnds = DateTimeOffset.MaxValue;
        Slack.Fault = call =>
        {
            if (ThreadTranscript.Str(call, "channel") != "C1") return null;
            if (outageEnds == DateTimeOffset.MaxValue)
            {
                outageEnds = call.ReceivedUtc + TimeSpan.FromSeconds(4);
                return new StandInFault(429, RetryAfterSeconds: 1);
            }
            return call.ReceivedUtc < outageEnds ? new StandInFault(500) : null;
        };
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);

        // Act: both incidents keep changing while C1 is down.
        var failing = await Bot.DeclareAsync("C1", "Failing thread");
        var healthy = await Bot.DeclareAsync("C2", "Healthy thread");
        for (var i = 1; i <= 4; i++)
        {
            await Bot.NoteAsync(failing, $"failing {i}");
            await Bot.NoteAsync(healthy, $"healthy {i}");
        }
        await Eventually.TrueAsync(async () => (await RepliesAsync(healthy)).Count == 4, Within, () => "healthy incident not delivered");
        var healthyDoneAt = Slack.Succeeded("chat.postMessage").Max(c => c.ReceivedUtc);
        await WaitAllDoneAsync();

        // Assert: the retry after the 429 waited for the header.
        var c1 = Slack.Calls.Where(c => ThreadTranscript.Str(c, "channel") == "C1").ToList();
        Assert.Equal(429, c1[0].Fault?.Status);
        Assert.True(c1[1].ReceivedUtc - c1[0].ReceivedUtc >= TimeSpan.FromMilliseconds(950), $"retried after {c1[1].ReceivedUtc - c1[0].ReceivedUtc}");
        Assert.Contains(c1, c => c.Fault?.Status == 500);
        // ...the healthy incident was done while the other was still failing...
        Assert.True(healthyDoneAt < outageEnds, "the healthy incident waited for the failing one");
        // ...and after the outage every message arrived once, in order.
        var notifications = await Bot.NotificationsAsync();
        foreach (var (incident, channel) in new[] { (failing, "C1"), (healthy, "C2") })
        {
            Assert.Single(ThreadTranscript.Roots(Slack, channel));
            Assert.Equal(4, (await RepliesAsync(incident)).Count);
            Assert.Equal(ThreadTranscript.Expected(notifications, incident, Bot.Render), await RepliesAsync(incident));
        }
        Assert.Contains(Bot.Logs.Entries, e => e.Id.Id == 3603);
    }

    [Fact]
    public async Task ExecuteAsync_ButtonClickedOnAThreadMessage_UpdatesThatMessageInPlace()
    {
        // Arrange
        var incident = await Bot.DeclareAsync("C5", "Clicked");
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();
        var (_, key) = Assert.Single(await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None));

        // Act: a command that came from a button on message C5/1700000000.999999 of the thread.
        await Bot.NoteAsync(incident, "from a button", replyTo: "C5/1700000000.999999");
        await WaitAllDoneAsync();

        // Assert
        Assert.Single(Slack.Succeeded("chat.update"), c => ThreadTranscript.Str(c, "ts") == "1700000000.999999");
        Assert.Contains(Slack.Succeeded("chat.update"), c => "C5/" + ThreadTranscript.Str(c, "ts") == key);
    }

    [Fact]
    public async Task ExecuteAsync_LeaseRunsOutWhileSending_SendsOnlyOnce()
    {
        // Arrange: Slack takes longer to answer the root post than the claim lasts, so the item is claimed again meanwhile.
        await using var slowSlack = await SlackStandIn.StartAsync();
        await using var shortLease = await InProcessBot.StartAsync(slowSlack, lease: TimeSpan.FromMilliseconds(200));
        slowSlack.Fault = _ =>
        {
            Thread.Sleep(slowSlack.Calls.IsEmpty ? 1200 : 0); // the stand-in has no delay knob; this holds its request thread
            return null;
        };
        await shortLease.DeclareAsync("C3", "Slow Slack");

        // Act
        await shortLease.DeliveryWorker.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await shortLease.NotificationsAsync()).All(n => n.DoneUtc is not null), Within, () => "not delivered");
        await Task.Delay(500); // room for a second, wrongly started delivery to reach Slack
        await shortLease.DeliveryWorker.StopAsync(CancellationToken.None);

        // Assert
        Assert.Single(ThreadTranscript.Roots(slowSlack, "C3"));
    }
}
