using IncidentBot.Core.Evidence;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// The connector pushes back (429 with <c>Retry-After</c>, then a 502) while an incident changes: the bot waits as
/// told and tries again, and the reply chain still gets every change exactly once, in order.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsDeliveryFailureTests : IAsyncLifetime
{
    private const string ChannelId = "19:throttled5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b@thread.tacv2";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private TeamsBot bot = null!;
    private TeamsChannel channel = null!;

    public async Task InitializeAsync()
    {
        bot = await TeamsBot.StartAsync();
        channel = bot.Channel(ChannelId);
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Delivery_ConnectorAnswers429WithRetryAfterThen502_EveryReplyArrivesOnceInOrderAfterTheWait()
    {
        // Arrange: an incident whose root card is posted; then the connector throttles once and fails once.
        await channel.SayAsync(TeamsPeople.Alice, "declare Refunds failing sev2 service=support-assistant runbook=ai-assistant-drift");
        var id = await bot.SingleIncidentAsync();
        var root = await bot.ThreadOfAsync(id);
        bot.Connector.FailNext(429, retryAfterSeconds: 2);
        bot.Connector.FailNext(502);

        // Act: three changes, typed in the incident's reply chain one after the other.
        for (var i = 1; i <= 3; i++) await channel.SayAsync(TeamsPeople.Alice, $"note change {i} while Teams throttles", threadRootId: root);
        await bot.AllDeliveredAsync(channel);

        // Assert: the throttling and the failure happened, and the next call came no sooner than Retry-After said.
        var requests = bot.Connector.ConnectorRequests;
        var throttled = requests.ToList().FindIndex(r => r.Status == 429);
        Assert.True(throttled >= 0, "no 429 was answered");
        Assert.Equal(1, bot.Connector.CountOf(502));
        var accepted = requests.Skip(throttled + 1).First(r => r.Status is >= 200 and < 300);
        // Timer ticks are whole milliseconds: allow a few of them below the two seconds.
        Assert.True(requests[throttled + 1].ReceivedAt - requests[throttled].ReceivedAt >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(20),
            $"the call after the 429 came {(requests[throttled + 1].ReceivedAt - requests[throttled].ReceivedAt).TotalMilliseconds:0} ms after it");
        Assert.True(accepted.ReceivedAt - requests[throttled].ReceivedAt >= TimeSpan.FromSeconds(2));
        // Every change's line exactly once, in commit order, under the one root (changes that waited together share a reply).
        var expected = TeamsThread.ExpectedLines(await bot.NotificationsAsync(Surfaces.Teams), await bot.EventsAsync(id), id);
        Assert.Equal([.. Enumerable.Range(1, 3).Select(i => $"note: change {i} while Teams throttles")], expected);
        Assert.Equal(expected, TeamsThread.SaidLines(bot.Connector.Transcript.RepliesTo(root).Select(c => c.Activity), expected));
        Assert.Single(bot.Connector.Transcript.Calls, c => c.Kind == ConnectorStandInCallKind.Send);
    }
}
