using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Sqlite;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// The real bot process (<see cref="BotProcess"/>, <c>incidentbot serve</c>) with Teams on, talking over loopback to
/// the Bot Framework stand-ins on both sides. It is killed with SIGKILL while its connector calls hang, started again
/// on the same database, and meets a failing connector on the way back: every change still reaches each incident's
/// reply chain exactly once, in order, under one root card per channel.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsCrashEndToEndTests : IAsyncLifetime
{
    private const string ChannelA = "19:crashchannela0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5@thread.tacv2";
    private const string ChannelB = "19:crashchannelb5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0@thread.tacv2";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly BotFrameworkKeySet keys = new();
    private OpenIdStandIn openId = null!;
    private ConnectorStandIn connector = null!;

    public async Task InitializeAsync()
    {
        openId = await OpenIdStandIn.StartAsync(keys);
        connector = await ConnectorStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await openId.DisposeAsync();
        keys.Dispose();
    }

    [Fact]
    public async Task Delivery_BotKilledMidDeliveryThenRestartedOnTheSameDatabase_EveryReplyArrivesOnceInOrder()
    {
        // Arrange: the bot process, a reader of its database, and an incident in each of two channels with its root card.
        var settings = TeamsTestSettings.For(connector, openId);
        settings["Teams:Delivery:Lease"] = "00:00:02"; // a claim of the killed process runs out 2 s after its last renewal
        settings["Teams:CallTimeout"] = "00:00:20";    // the held calls must still be waiting when the bot is killed
        await using var process = await BotProcess.StartNewAsync(TeamsTestSettings.AsEnvironment(settings));
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = process.DatabasePath }, TimeProvider.System);
        var tokens = new InboundTokens(keys, connector.AppId, connector.ServiceUrl);
        var a = new TeamsChannel(process.Http, tokens, connector, ChannelA);
        var b = new TeamsChannel(process.Http, tokens, connector, ChannelB);
        var (incidentA, rootA) = await DeclareAsync(a, store, process, "Refunds failing in channel A");
        var (incidentB, rootB) = await DeclareAsync(b, store, process, "Refunds failing in channel B");

        // Act: changes are committed while every connector call hangs; the bot dies with calls in flight.
        var hold = connector.HoldCalls();
        for (var i = 1; i <= 3; i++)
        {
            await a.SayAsync(TeamsPeople.Alice, $"note A before the crash {i}", threadRootId: rootA);
            await b.SayAsync(TeamsPeople.Alice, $"note B before the crash {i}", threadRootId: rootB);
        }
        await hold.Arrived.WaitAsync(Within);
        await process.KillAsync();
        await hold.Abandoned.WaitAsync(Within);
        // Back up, the connector first fails twice (503), then works again.
        connector.StopHolding();
        connector.FailNext(503);
        connector.FailNext(503);
        await process.StartAsync();
        await a.SayAsync(TeamsPeople.Alice, "note A after the restart", threadRootId: rootA);
        await b.SayAsync(TeamsPeople.Alice, "note B after the restart", threadRootId: rootB);
        await Waits.UntilAsync(async () => (await Notifications(store)).All(n => n.DoneUtc is not null), Within,
            async () => $"not all delivered: {string.Join(", ", (await Notifications(store)).Select(n => $"#{n.Id} {n.Attempts} {n.DoneUtc:O} {n.LastError}"))}\n{process.Output}");

        // Assert: nothing was accepted before the crash; the retries happened; then every change exactly once, in order.
        Assert.Equal(2, connector.Transcript.Calls.Count(c => c.Kind == ConnectorStandInCallKind.Send));
        Assert.True(connector.CountOf(499) >= 1, "no call was in flight when the bot was killed");
        Assert.Equal(2, connector.CountOf(503));
        var notifications = await Notifications(store);
        foreach (var (incident, channel, root) in new[] { (incidentA, ChannelA, rootA), (incidentB, ChannelB, rootB) })
        {
            Assert.Equal(root, Assert.Single(connector.Transcript.RootMessages(channel)).ActivityId);
            var expected = TeamsThread.ExpectedLines(notifications, await store.ReadStreamAsync(incident, CancellationToken.None), incident);
            Assert.Equal(4, expected.Distinct().Count());
            Assert.Equal(expected, TeamsThread.SaidLines(connector.Transcript.RepliesTo(root).Select(c => c.Activity), expected));
        }
        Assert.DoesNotContain(connector.AppPassword, process.Output, StringComparison.Ordinal);
        Assert.All(connector.IssuedTokens, t => Assert.DoesNotContain(t, process.Output, StringComparison.Ordinal));
    }

    /// <summary>alice declares in <paramref name="channel"/>; returns the incident and its root card once bound.</summary>
    private static async Task<(string Incident, string Root)> DeclareAsync(TeamsChannel channel, SqliteStore store, BotProcess process, string title)
    {
        await channel.SayAsync(TeamsPeople.Alice, $"declare {title} sev2 service=support-assistant runbook=ai-assistant-drift");
        var incident = (await store.ListIncidentsAsync(true, CancellationToken.None)).Single(i => i.Title == title).Id;
        ConversationReference? bound = null;
        await Waits.UntilAsync(async () => (bound = (await ((IConversationReadModel)store).ConversationsOfAsync(incident, CancellationToken.None))
                .FirstOrDefault(c => c.Thread is not null)) is not null,
            Within, () => Task.FromResult($"{incident}'s root card was not posted\n{process.Output}"));
        return (incident, bound!.Thread!);
    }

    private static Task<IReadOnlyList<OutboxItem>> Notifications(SqliteStore store) =>
        store.ReadOutboxAsync(OutboxKind.Notify, Surfaces.Teams, 0, 10_000, CancellationToken.None);
}
