using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Delivery;

/// <summary>A Slack stand-in and an in-process Bot on a fresh database, with the delivery worker ready to start.</summary>
public abstract class DeliveryTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    internal SlackStandIn Slack { get; private set; } = null!;
    internal InProcessBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await SlackStandIn.StartAsync();
        Bot = await InProcessBot.StartAsync(Slack);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Bot.DeliveryWorker.StopAsync(CancellationToken.None);
            SlackMessageChecks.AssertWithinLimits(Slack.Calls); // every message any test sent
        }
        finally
        {
            await Bot.DisposeAsync();
            await Slack.DisposeAsync();
        }
    }

    protected async Task<IReadOnlyList<string>> RepliesAsync(string incident)
    {
        var conversations = await Bot.Store.ConversationsOfAsync(incident, CancellationToken.None);
        return conversations.Count > 0 && conversations[0].Thread is { } ts ? ThreadTranscript.Replies(Slack, ts) : [];
    }

    protected async Task WaitAllDoneAsync()
    {
        IReadOnlyList<OutboxItem> items = [];
        await Eventually.TrueAsync(async () => (items = await Bot.NotificationsAsync()).All(n => n.DoneUtc is not null), Within,
            () => string.Join("; ", items.Select(n => $"{n.Id} done={n.DoneUtc is not null} attempts={n.Attempts} err={n.LastError}")));
    }
}
