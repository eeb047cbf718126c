using System.Net;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// The Bot Framework channel retries an activity it got no answer for, and people double-click: the same message
/// activity (same id in the same conversation) and the same click (same person, same button of the same card version)
/// change the incident once, however often and however concurrently they arrive.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsExactlyOnceTests : IAsyncLifetime
{
    private const string ChannelId = "19:exactlyonce1a2b3c4d5e6f708192a3b4c5d6e7f8@thread.tacv2";
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
    public async Task Messages_SameActivityPostedTwice_AppliesOnce()
    {
        // Arrange: a declaration, and later a note typed in the incident's reply chain, each with one activity id.
        var declare = channel.Message(TeamsPeople.Alice, "declare Refunds failing sev2 service=support-assistant runbook=ai-assistant-drift");

        // Act: the declaration twice in a row; the note twice at the same time.
        var first = await channel.PostAsync(declare);
        var second = await channel.PostAsync(declare);
        var root = await bot.ThreadOfAsync(await bot.SingleIncidentAsync());
        var note = channel.Message(TeamsPeople.Alice, "note the refunds queue is growing", threadRootId: root);
        var notes = await Task.WhenAll(channel.PostAsync(note), channel.PostAsync(note));

        // Assert: every delivery answered 200; one incident, one declaration, one note, one message for each.
        Assert.All(notes.Append(first).Append(second), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var id = await bot.SingleIncidentAsync();
        var events = await bot.EventsAsync(id);
        Assert.Single(events, e => e.Type == "IncidentDeclared");
        Assert.Single(events, e => e.Type == "NoteAdded");
        Assert.Equal(2, (await bot.NotificationsAsync(Surfaces.Teams)).Count);
        await bot.Connector.Transcript.WaitForAsync(_ => bot.Connector.Transcript.RepliesTo(root).Count >= 1, Within, "the note's reply");
        await bot.AllDeliveredAsync(channel);
        Assert.Single(bot.Connector.Transcript.Calls, c => c.Kind == ConnectorStandInCallKind.Send);
        Assert.Single(bot.Connector.Transcript.RepliesTo(root));
    }

    [Fact]
    public async Task CardAction_SameClickPostedTwice_AppliesOnce()
    {
        // Arrange: the SEV2 triage button of the root card the bot posted.
        await channel.SayAsync(TeamsPeople.Alice, "declare Refunds failing sev3 service=support-assistant runbook=ai-assistant-drift");
        var root = await bot.ThreadOfAsync(await bot.SingleIncidentAsync());
        var card = bot.Connector.Transcript.RootMessages(ChannelId).Single();
        var sev2 = TeamsCards.Executes(TeamsCards.CardOf(card.Activity)!).Single(e => TeamsCards.Command(e).EndsWith(" sev2", StringComparison.Ordinal));

        // Act: the same person clicks the same button twice (two invokes, as Teams sends them), the second time while
        // the first is still being handled.
        var answers = await Task.WhenAll(channel.ClickAsync(TeamsPeople.Alice, card, sev2), channel.ClickAsync(TeamsPeople.Alice, card, sev2));

        // Assert: both clicks are answered with the updated card; the incident was triaged once and says so once.
        Assert.All(answers, a => Assert.True(a is { Status: HttpStatusCode.OK, StatusCode: 200, Type: InvokeAnswer.CardType }, a.ToString()));
        var id = await bot.SingleIncidentAsync();
        Assert.Single(await bot.EventsAsync(id), e => e.Type == "IncidentTriaged");
        await bot.Connector.Transcript.WaitForAsync(_ => bot.Connector.Transcript.RepliesTo(root).Count >= 1, Within, "the triage reply");
        await bot.AllDeliveredAsync(channel);
        Assert.Single(bot.Connector.Transcript.RepliesTo(root));
    }
}
