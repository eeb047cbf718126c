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
        var thread = Assert.Single(await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None));
        Assert.Equal(Surfaces.Slack, thread.Surface);
        Assert.Equal("C100", thread.Channel);
        var rootTs = Assert.IsType<string>(thread.Thread);
        Assert.Equal(ThreadTranscript.Expected(await Bot.NotificationsAsync(), incident, Bot.Render), ThreadTranscript.Replies(Slack, rootTs));
        Assert.Equal(3, ThreadTranscript.Replies(Slack, rootTs).Count);
        Assert.Equal(ThreadTranscript.Fingerprint(Bot.Render(current!)), ThreadTranscript.LastUpdate(Slack, rootTs));
    }

    [Fact]
    public async Task ExecuteAsync_429ThenOutageOnOneIncident_EveryMessageOnceInOrderAndOthersNotBlocked()
    {
        // Arrange: channel C1 answers 429 (Retry-After 1 s) once, then 500 until the test ends the outage, which it does
        // only once the healthy incident is fully delivered (an event, not a time); C2 is healthy throughout.
        var rateLimited = 0;
        var outageOver = false;
        var outageEnds = DateTimeOffset.MaxValue;
        Slack.Fault = call =>
        {
            if (ThreadTranscript.Str(call, "channel") != "C1") return null;
            if (Interlocked.Exchange(ref rateLimited, 1) == 0) return new StandInFault(429, RetryAfterSeconds: 1);
            return Volatile.Read(ref outageOver) ? null : new StandInFault(500);
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
        await Eventually.TrueAsync(() => Slack.Calls.Count(c => ThreadTranscript.Str(c, "channel") == "C1" && c.Fault?.Status == 500) >= 2, Within,
            () => "C1 was not retried through the outage");
        outageEnds = DateTimeOffset.UtcNow;
        Volatile.Write(ref outageOver, true);
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
        Assert.Contains(Bot.Logs.Entries, e => e.Id.Id == 1102); // the delivery worker logged the reschedule
    }

    [Fact]
    public async Task ExecuteAsync_ButtonClickedOnAThreadMessage_UpdatesThatMessageInPlace()
    {
        // Arrange
        var incident = await Bot.DeclareAsync("C5", "Clicked");
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();
        var key = Assert.Single(await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None)).Key;

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
        // Arrange: Slack holds the root post until the claim has run out several times over (the worker renews it, or
        // claims the item again meanwhile); the call's own time limit is far away, so nothing here depends on timing.
        var lease = TimeSpan.FromMilliseconds(200);
        await using var slowSlack = await SlackStandIn.StartAsync();
        await using var shortLease = await InProcessBot.StartAsync(slowSlack, lease: lease, callTimeout: TimeSpan.FromSeconds(60));
        using var release = new ManualResetEventSlim();
        var held = 0;
        slowSlack.Fault = _ =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0) release.Wait(TimeSpan.FromSeconds(60)); // holds the first request only
            return null;
        };
        await shortLease.DeclareAsync("C3", "Slow Slack");

        // Act
        await shortLease.DeliveryWorker.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref held) == 1, Within, () => "the root post never reached Slack");
        var heldSince = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow - heldSince > lease * 5, Within, () => "unreachable");
        release.Set();
        await Eventually.TrueAsync(async () => (await shortLease.NotificationsAsync()).All(n => n.DoneUtc is not null), Within, () => "not delivered");
        await shortLease.DeliveryWorker.StopAsync(CancellationToken.None); // waits for anything still in flight

        // Assert
        Assert.Single(ThreadTranscript.Roots(slowSlack, "C3"));
        Assert.Single(slowSlack.Calls, c => c.Method == "chat.postMessage");
    }
}
