using IncidentBot.Core.Evidence;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackDeliveryWorkerFailureTests : DeliveryTestBase
{
    [Fact]
    public async Task ExecuteAsync_ChannelNotFound_CompletesTheItemAndLogsTheCode()
    {
        // Arrange
        Slack.Fault = _ => new StandInFault(200, Error: "channel_not_found");
        await Bot.DeclareAsync("C404", "Nowhere to post");

        // Act
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        Assert.Single(Slack.Calls);
        var item = Assert.Single(await Bot.NotificationsAsync());
        Assert.NotNull(item.DoneUtc);
        Assert.Contains(Bot.Logs.Entries, e => e.Level == LogLevel.Error && e.Id.Id == 3604 && e.Message.Contains("channel_not_found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_InvalidBlocksOnThreadReply_PostsPlainNoticeAndCompletes()
    {
        // Arrange: the root goes through; the reply's blocks (the card a triage posts: people act on it next) are refused.
        var incident = await Bot.DeclareAsync("C7", "Bad blocks");
        Assert.Equal(Core.Commands.CommandOutcome.Applied, (await Bot.CommandAsync($"/incident triage {incident} sev2")).Outcome);
        Slack.Fault = c => c.Method == "chat.postMessage" && c.Body["thread_ts"] is not null && c.Body["blocks"] is not null
            ? new StandInFault(200, Error: "invalid_blocks") : null;

        // Act
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await WaitAllDoneAsync();

        // Assert
        var notice = Assert.Single(Slack.Succeeded("chat.postMessage"), c => c.Body["thread_ts"] is not null);
        Assert.Contains("invalid_blocks", ThreadTranscript.Str(notice, "text"), StringComparison.Ordinal);
        Assert.Contains($"/incident status {incident}", ThreadTranscript.Str(notice, "text"), StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Entries, e => e.Id.Id == 3604 && e.Message.Contains("invalid_blocks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterBeyondTheCallCap_ReschedulesAtRetryAfterWithoutParking()
    {
        // Arrange
        Slack.Fault = _ => new StandInFault(429, RetryAfterSeconds: 600);
        await Bot.DeclareAsync("C9", "Rate limited");
        var before = DateTimeOffset.UtcNow;

        // Act
        await Bot.DeliveryWorker.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await Bot.NotificationsAsync())[0].Attempts == 1, Within, () => "not rescheduled");

        // Assert
        var item = (await Bot.NotificationsAsync())[0];
        Assert.Null(item.DoneUtc);
        Assert.Equal("http_429", item.LastError);
        Assert.InRange(item.DueUtc, before + TimeSpan.FromSeconds(599), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(601));
        Assert.Single(Slack.Calls);
    }

    [Fact]
    public void Backoff_ManyAttempts_NeverExceedsTheCap()
    {
        // Arrange
        var options = new IncidentBot.Host.Delivery.DeliveryOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        // Act
        var delays = Enumerable.Range(1, 200).Select(options.Backoff).ToList();

        // Assert
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1.6), TimeSpan.FromMinutes(5)));
        Assert.True(delays[^1] > TimeSpan.FromMinutes(4));
    }
}
