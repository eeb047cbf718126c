using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Slack.Tests.Support;
using Xunit.Abstractions;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackDeliveryWorkerTests(ITestOutputHelper output) : DeliveryTestBase
{
    [Fact]
    public async Task ExecuteAsync_DeclarationThenNotes_PostsRootOnceThenOneReplyWithEveryNoteAndUpdatesRoot()
    {
        // Arrange
        var incident = await Bot.DeclareAsync("C100", "Checkout errors");
        for (var i = 1; i <= 3; i++) await Bot.NoteAsync(incident, $"note {i} <@U123> & *bold*");

        // Act
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert: the notes were queued before delivery started, so they go out together, each note's text escaped.
        var root = Assert.Single(ThreadTranscript.Roots(Slack, "C100"));
        var current = await Bot.Engine.CardAsync(incident, CancellationToken.None);
        Assert.Contains(incident, ThreadTranscript.Str(root, "text"), StringComparison.Ordinal);
        var thread = Assert.Single(await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None));
        Assert.Equal(Surfaces.Slack, thread.Surface);
        Assert.Equal("C100", thread.Channel);
        var rootTs = Assert.IsType<string>(thread.Thread);
        var reply = Assert.Single(Slack.Succeeded("chat.postMessage"), c => ThreadTranscript.Str(c, "thread_ts") == rootTs);
        Assert.Equal(string.Join('\n', Enumerable.Range(1, 3).Select(i => $"alice: note: note {i} &lt;@U123&gt; &amp; *bold*")), ThreadTranscript.Str(reply, "text"));
        Assert.Equal(await Bot.ExpectedLinesAsync(incident), ThreadTranscript.Lines(Slack, rootTs));
        Assert.Equal(ThreadTranscript.Fingerprint(Bot.Render(current!)), ThreadTranscript.LastUpdate(Slack, rootTs));
    }

    [Fact]
    public async Task ExecuteAsync_429ThenOutageOnOneIncident_EveryLineOnceInOrderAndOthersNotBlocked()
    {
        // Arrange: channel C1 answers 429 (Retry-After 1 s) once, then 500 until the test ends the outage, which it does
        // only once the healthy incident is fully delivered and C1 was retried through the outage (events, not times);
        // C2 is healthy throughout. Each call may take as long as it takes (a 2 s call limit on a busy machine gave
        // up on calls Slack had accepted, and the retry posted them twice).
        await using var slack = await SlackStandIn.StartAsync();
        await using var bot = await InProcessBot.StartAsync(slack, callTimeout: TimeSpan.FromMinutes(2));
        var rateLimited = 0;
        var outageOver = false;
        slack.Fault = call =>
        {
            if (ThreadTranscript.Str(call, "channel") != "C1") return null;
            if (Interlocked.Exchange(ref rateLimited, 1) == 0) return new StandInFault(429, RetryAfterSeconds: 1);
            return Volatile.Read(ref outageOver) ? null : new StandInFault(500);
        };
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        try
        {
            // Act: both incidents keep changing while C1 is down.
            var failing = await bot.DeclareAsync("C1", "Failing thread");
            var healthy = await bot.DeclareAsync("C2", "Healthy thread");
            for (var i = 1; i <= 4; i++)
            {
                await bot.NoteAsync(failing, $"failing {i}");
                await bot.NoteAsync(healthy, $"healthy {i}");
            }
            var healthyLines = await bot.ExpectedLinesAsync(healthy);
            await Eventually.TrueAsync(async () => (await LinesAsync(bot, slack, healthy)).SequenceEqual(healthyLines), Within, () => "healthy incident not delivered");
            var c1SucceededWhileHealthyDone = slack.Calls.Count(c => ThreadTranscript.Str(c, "channel") == "C1" && c.Fault is null);
            await Eventually.TrueAsync(() => slack.Calls.Count(c => ThreadTranscript.Str(c, "channel") == "C1" && c.Fault?.Status == 500) >= 2, Within,
                () => "C1 was not retried through the outage");
            Volatile.Write(ref outageOver, true);
            IReadOnlyList<OutboxItem> items = [];
            await Eventually.TrueAsync(async () => (items = await bot.NotificationsAsync()).All(n => n.DoneUtc is not null), Within,
                () => string.Join("; ", items.Select(n => $"{n.Id} done={n.DoneUtc is not null} attempts={n.Attempts} err={n.LastError}")));

            // Assert: the retry after the 429 waited for the header...
            var c1 = slack.Calls.Where(c => ThreadTranscript.Str(c, "channel") == "C1").ToList();
            Assert.Equal(429, c1[0].Fault?.Status);
            Assert.True(c1[1].ReceivedUtc - c1[0].ReceivedUtc >= TimeSpan.FromMilliseconds(950), $"retried after {c1[1].ReceivedUtc - c1[0].ReceivedUtc}");
            Assert.Contains(c1, c => c.Fault?.Status == 500);
            // ...the healthy incident was done while the other had not got a single call through...
            Assert.Equal(0, c1SucceededWhileHealthyDone);
            // ...and after the outage every line arrived once, in order.
            foreach (var (incident, channel) in new[] { (failing, "C1"), (healthy, "C2") })
            {
                Assert.Single(ThreadTranscript.Roots(slack, channel));
                Assert.Equal(await bot.ExpectedLinesAsync(incident), await LinesAsync(bot, slack, incident));
            }
            Assert.Equal(4, (await bot.ExpectedLinesAsync(failing)).Count);
            Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 1102); // the delivery worker logged the reschedule
        }
        finally
        {
            await bot.DeliveryWorker.StopAsync(CancellationToken.None);
            SlackMessageChecks.AssertWithinLimits(slack.Calls);
        }
    }

    [Fact]
    public async Task ExecuteAsync_BurstOfNotesAtSlacksPace_FarFewerCallsEveryNoteInOrderRootShowsFinalState()
    {
        // Arrange: Slack's pace (1 message/s per channel after a burst of 3), a stand-in that refuses anything faster
        // with 429, and 300 notes on one incident committed while its thread is being delivered.
        const int Notes = 300;
        await using var slack = await SlackStandIn.StartAsync();
        await using var bot = await InProcessBot.StartAsync(slack, messagesPerSecond: 1, burst: 3);
        var limiter = new StandInRateLimit(1, 3);
        slack.Fault = limiter.Decide;
        var incident = await bot.DeclareAsync("C42", "Burst");
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        try
        {
            // Act
            for (var i = 1; i <= Notes; i++) await bot.NoteAsync(incident, $"burst note {i}");
            await Eventually.TrueAsync(async () => (await bot.NotificationsAsync()).All(n => n.DoneUtc is not null), TimeSpan.FromSeconds(60), () => "not delivered");

            // Assert: every note once, in order; far fewer calls than notes; none refused; the root shows the final state.
            var rootTs = Assert.IsType<string>(Assert.Single(await bot.Store.ConversationsOfAsync(incident, CancellationToken.None)).Thread);
            var said = ThreadTranscript.Lines(slack, rootTs);
            Assert.Equal(Enumerable.Range(1, Notes).Select(i => $"alice: note: burst note {i}"), said);
            Assert.Equal(await bot.ExpectedLinesAsync(incident), said);
            output.WriteLine($"{Notes} notes: {slack.Succeeded("chat.postMessage").Count} posts, {slack.Succeeded("chat.update").Count} updates, " +
                             $"{slack.Calls.Count(c => c.Fault is not null)} refused");
            Assert.True(slack.Calls.Count < Notes / 10, $"{slack.Calls.Count} Slack calls for {Notes} notes");
            Assert.DoesNotContain(slack.Calls, c => c.Fault is not null);
            var current = await bot.Engine.CardAsync(incident, CancellationToken.None);
            Assert.Equal(ThreadTranscript.Fingerprint(bot.Render(current!)), ThreadTranscript.LastUpdate(slack, rootTs));
        }
        finally
        {
            await bot.DeliveryWorker.StopAsync(CancellationToken.None);
            SlackMessageChecks.AssertWithinLimits(slack.Calls);
        }
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(InProcessBot bot, SlackStandIn slack, string incident)
    {
        var conversations = await bot.Store.ConversationsOfAsync(incident, CancellationToken.None);
        return conversations.Count > 0 && conversations[0].Thread is { } ts ? ThreadTranscript.Lines(slack, ts) : [];
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
