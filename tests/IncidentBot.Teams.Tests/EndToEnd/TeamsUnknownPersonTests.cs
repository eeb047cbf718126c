using System.Net;
using IncidentBot.Core.Evidence;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// Someone whose Entra object id is in no governance entry can reach the bot (anyone in the team can mention it or
/// click its cards), but cannot act: what they try is refused, told to them, and the refusal is evidence.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsUnknownPersonTests : IAsyncLifetime
{
    private const string ChannelId = "19:unknownperson0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
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
    public async Task Messages_DeclareByAnUnknownPerson_IsRefusedRepliedToAndRecorded()
    {
        // Arrange
        var stranger = TeamsPeople.Stranger;
        var declare = channel.Message(stranger, "declare Refunds failing sev2 service=support-assistant runbook=ai-assistant-drift");

        // Act
        using var response = await channel.PostAsync(declare);

        // Assert: no incident; the refusal is in the bot's stream under the stranger's Teams identity...
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await bot.IncidentsAsync()).EnumerateArray());
        var refused = Assert.Single(await bot.EventsAsync(Streams.Bot), e => e.Type == "CommandRefused");
        Assert.Equal((stranger.PersonId, Surfaces.Teams), (refused.Actor, refused.Surface));
        Assert.Contains("governance", refused.PayloadJson, StringComparison.Ordinal);
        // ...and the stranger is told, in a reply to their message.
        var calls = await bot.Connector.Transcript.WaitForAsync(t => t.Count >= 1, Within, "the refusal's reply");
        var reply = Assert.Single(calls);
        Assert.Equal((ConnectorStandInCallKind.Reply, declare["id"]!.GetValue<string>()), (reply.Kind, reply.ReplyToId));
        Assert.Contains("governance", reply.Activity.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardAction_ClickByAnUnknownPerson_IsAnsweredWithARefusalAndRecorded()
    {
        // Arrange: alice's incident, and its root card's SEV2 triage button.
        await channel.SayAsync(TeamsPeople.Alice, "declare Refunds failing sev3 service=support-assistant runbook=ai-assistant-drift");
        var calls = await bot.Connector.Transcript.WaitForAsync(t => t.Count >= 1, Within, "the root card");
        var root = Assert.Single(calls, c => c.Kind == ConnectorStandInCallKind.Send);
        var sev2 = TeamsCards.Executes(TeamsCards.CardOf(root.Activity)!).Single(e => TeamsCards.Command(e).EndsWith(" sev2", StringComparison.Ordinal));
        var id = Assert.Single((await bot.IncidentsAsync()).EnumerateArray()).GetProperty("id").GetString()!;

        // Act
        var answer = await channel.ClickAsync(TeamsPeople.Stranger, root, sev2);

        // Assert: a message, not a card; the incident is not triaged; the refusal is on the incident's record.
        Assert.True(answer is { Status: HttpStatusCode.OK, StatusCode: 200, Type: InvokeAnswer.MessageType }, answer.ToString());
        Assert.Contains("governance", answer.Message, StringComparison.Ordinal);
        var events = await bot.EventsAsync(id);
        Assert.DoesNotContain(events, e => e.Type == "IncidentTriaged");
        var refused = Assert.Single(events, e => e.Type == "CommandRefused");
        Assert.Equal((TeamsPeople.Stranger.PersonId, Surfaces.Teams), (refused.Actor, refused.Surface));
        Assert.Contains("triage", refused.PayloadJson, StringComparison.Ordinal);
    }
}
