using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackDeliveryWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private SlackStandIn slack = null!;
    private InProcessBot bot = null!;

    public async Task InitializeAsync()
    {
        slack = await SlackStandIn.StartAsync();
        bot = await InProcessBot.StartAsync(slack);
    }

    public async Task DisposeAsync()
    {
        await bot.DeliveryWorker.StopAsync(CancellationToken.None);
        await bot.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_DeclarationThenNotes_PostsRootOnceThenRepliesInOrderAndUpdatesRoot()
    {
        // Arrange
        var incident = await bot.DeclareAsync("C100", "Checkout errors");
        for (var i = 1; i <= 3; i++) await bot.NoteAsync(incident, $"note {i}");

        // Act
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        var root = Assert.Single(ThreadTranscript.Roots(slack, "C100"));
        var current = await bot.Engine.CardAsync(incident, CancellationToken.None);
        Assert.Contains(incident, ThreadTranscript.Str(root, "text"), StringComparison.Ordinal);
        var (surface, key) = Assert.Single(await bot.Store.ConversationsOfAsync(incident, CancellationToken.None));
        Assert.Equal(Surfaces.Slack, surface);
        Assert.True(SlackConversations.TryParseMessage(key, out var channel, out var rootTs));
        Assert.Equal("C100", channel);
        Assert.Equal(ThreadTranscript.Expected(await bot.NotificationsAsync(), incident, TemporaryBlockKitRenderer.Render), ThreadTranscript.Replies(slack, rootTs));
        Assert.Equal(3, ThreadTranscript.Replies(slack, rootTs).Count);
        var lastRootUpdate = slack.Succeeded("chat.update").Last(c => ThreadTranscript.Str(c, "ts") == rootTs);
        Assert.Equal(TemporaryBlockKitRenderer.Text(current!), ThreadTranscript.Str(lastRootUpdate, "text"));
        SlackMessageChecks.AssertWithinLimits(slack.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_429ThenOutageOnOneIncident_EveryMessageOnceInOrderAndOthersNotBlocked()
    {
        // Arrange: channel C1 answers 429 (Retry-After 1 s) once, then 500 until the outage ends; C2 is healthy.
        var outageEnds = DateTimeOffset.MaxValue;
        slack.Fault = call =>
        {
            if (ThreadTranscript.Str(call, "channel") != "C1") return null;
            if (outageEnds == DateTimeOffset.MaxValue)
            {
                outageEnds = call.ReceivedUtc + TimeSpan.FromSeconds(4);
                return new StandInFault(429, RetryAfterSeconds: 1);
            }
            return call.ReceivedUtc < outageEnds ? new StandInFault(500) : null;
        };
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);

        // Act: both incidents keep changing while C1 is down.
        var failing = await bot.DeclareAsync("C1", "Failing thread");
        var healthy = await bot.DeclareAsync("C2", "Healthy thread");
        for (var i = 1; i <= 4; i++)
        {
            await bot.NoteAsync(failing, $"failing {i}");
            await bot.NoteAsync(healthy, $"healthy {i}");
        }
        await Eventually.TrueAsync(async () => (await RepliesAsync(healthy)).Count == 4, Within, () => "healthy incident not delivered");
        var healthyDoneAt = slack.Succeeded("chat.postMessage").Max(c => c.ReceivedUtc);
        await WaitAllDoneAsync();

        // Assert: the retry after the 429 waited for the header.
        var c1 = slack.Calls.Where(c => ThreadTranscript.Str(c, "channel") == "C1").ToList();
        Assert.Equal(429, c1[0].Fault?.Status);
        Assert.True(c1[1].ReceivedUtc - c1[0].ReceivedUtc >= TimeSpan.FromMilliseconds(950), $"retried after {c1[1].ReceivedUtc - c1[0].ReceivedUtc}");
        Assert.Contains(c1, c => c.Fault?.Status == 500);
        // ...the healthy incident was done while the other was still failing...
        Assert.True(healthyDoneAt < outageEnds, "the healthy incident waited for the failing one");
        // ...and after the outage every message arrived once, in order.
        var notifications = await bot.NotificationsAsync();
        foreach (var (incident, channel) in new[] { (failing, "C1"), (healthy, "C2") })
        {
            Assert.Single(ThreadTranscript.Roots(slack, channel));
            Assert.Equal(4, (await RepliesAsync(incident)).Count);
            Assert.Equal(ThreadTranscript.Expected(notifications, incident, TemporaryBlockKitRenderer.Render), await RepliesAsync(incident));
        }
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 3603);
        SlackMessageChecks.AssertWithinLimits(slack.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_ChannelNotFound_CompletesTheItemAndLogsTheCode()
    {
        // Arrange
        slack.Fault = _ => new StandInFault(200, Error: "channel_not_found");
        await bot.DeclareAsync("C404", "Nowhere to post");

        // Act
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        Assert.Single(slack.Calls);
        var item = Assert.Single(await bot.NotificationsAsync());
        Assert.NotNull(item.DoneUtc);
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Error && e.Id.Id == 3604 && e.Message.Contains("channel_not_found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_InvalidBlocksOnThreadReply_PostsPlainNoticeAndCompletes()
    {
        // Arrange: the root goes through; the reply's blocks are refused.
        var incident = await bot.DeclareAsync("C7", "Bad blocks");
        await bot.NoteAsync(incident, "this one will not render");
        slack.Fault = c => c.Method == "chat.postMessage" && c.Body["thread_ts"] is not null && c.Body["blocks"] is not null
            ? new StandInFault(200, Error: "invalid_blocks") : null;

        // Act
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        var notice = Assert.Single(slack.Succeeded("chat.postMessage"), c => c.Body["thread_ts"] is not null);
        Assert.Contains("invalid_blocks", ThreadTranscript.Str(notice, "text"), StringComparison.Ordinal);
        Assert.Contains($"/incident status {incident}", ThreadTranscript.Str(notice, "text"), StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Entries, e => e.Id.Id == 3604 && e.Message.Contains("invalid_blocks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterBeyondTheCallCap_ReschedulesAtRetryAfterWithoutParking()
    {
        // Arrange
        slack.Fault = _ => new StandInFault(429, RetryAfterSeconds: 600);
        await bot.DeclareAsync("C9", "Rate limited");
        var before = DateTimeOffset.UtcNow;

        // Act
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await bot.NotificationsAsync())[0].Attempts == 1, Within, () => "not rescheduled");

        // Assert
        var item = (await bot.NotificationsAsync())[0];
        Assert.Null(item.DoneUtc);
        Assert.Equal("http_429", item.LastError);
        Assert.InRange(item.DueUtc, before + TimeSpan.FromSeconds(599), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(601));
        Assert.Single(slack.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_ButtonClickedOnAThreadMessage_UpdatesThatMessageInPlace()
    {
        // Arrange
        var incident = await bot.DeclareAsync("C5", "Clicked");
        await bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();
        var (_, key) = Assert.Single(await bot.Store.ConversationsOfAsync(incident, CancellationToken.None));

        // Act: a command that came from a button on message C5/1700000000.999999 of the thread.
        await bot.NoteAsync(incident, "from a button", replyTo: "C5/1700000000.999999");
        await WaitAllDoneAsync();

        // Assert
        Assert.Single(slack.Succeeded("chat.update"), c => ThreadTranscript.Str(c, "ts") == "1700000000.999999");
        Assert.Contains(slack.Succeeded("chat.update"), c => "C5/" + ThreadTranscript.Str(c, "ts") == key);
    }

    [Fact]
    public void Backoff_ManyAttempts_NeverExceedsTheCap()
    {
        // Arrange
        var options = new SlackDeliveryOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        // Act
        var delays = Enumerable.Range(1, 200).Select(a => SlackDeliveryWorker.Backoff(a, options)).ToList();

        // Assert
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1.6), TimeSpan.FromMinutes(5)));
        Assert.True(delays[^1] > TimeSpan.FromMinutes(4));
    }

    private async Task<IReadOnlyList<string>> RepliesAsync(string incident)
    {
        var conversations = await bot.Store.ConversationsOfAsync(incident, CancellationToken.None);
        return conversations.Count > 0 && SlackConversations.TryParseMessage(conversations[0].ConversationKey, out _, out var ts)
            ? ThreadTranscript.Replies(slack, ts) : [];
    }

    private async Task WaitAllDoneAsync()
    {
        IReadOnlyList<OutboxItem> items = [];
        await Eventually.TrueAsync(async () => (items = await bot.NotificationsAsync()).All(n => n.DoneUtc is not null), Within,
            () => string.Join("; ", items.Select(n => $"{n.Id} done={n.DoneUtc is not null} attempts={n.Attempts} err={n.LastError}")));
    }
}
