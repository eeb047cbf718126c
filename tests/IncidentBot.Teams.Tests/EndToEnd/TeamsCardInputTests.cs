using System.Net;
using System.Net.Http.Json;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// A button that needs text (Reject: "Why reject it?") is an <c>Action.ShowCard</c> with an input; Teams merges what
/// was typed into the <c>Action.Execute</c>'s data under the input's id. The reason reaches the evidence as typed, and
/// a click that arrives without it is answered with an error and changes nothing.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsCardInputTests : IAsyncLifetime
{
    private const string ChannelId = "19:cardinput2b3c4d5e6f708192a3b4c5d6e7f80910@thread.tacv2";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private TeamsBot bot = null!;
    private TeamsChannel channel = null!;
    private string incident = "";
    private (ConnectorStandInCall Message, System.Text.Json.Nodes.JsonObject Execute) reject;

    public async Task InitializeAsync()
    {
        // An incident awaiting approval of the retrieval rollback alice chose: its card offers Reject.
        bot = await TeamsBot.StartAsync();
        channel = bot.Channel(ChannelId);
        foreach (var (version, ago) in new[] { ("kb-41", TimeSpan.FromHours(3)), ("kb-42", TimeSpan.FromMinutes(40)) })
        {
            using var change = await bot.Http.PostAsJsonAsync("api/changes", new
            {
                service = "support-assistant", layer = "retrieval", version, deployedBy = "dana", deployedUtc = DateTimeOffset.UtcNow - ago, approved = true,
            });
            Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        }
        await channel.SayAsync(TeamsPeople.Alice, "declare Assistant promises refunds sev2 service=support-assistant runbook=ai-assistant-drift");
        incident = await bot.SingleIncidentAsync();
        var root = await bot.ThreadOfAsync(incident);
        await channel.SayAsync(TeamsPeople.Alice, $"triage {incident} sev2 retrieval", threadRootId: root);
        var contain = await WaitForButtonAsync($"/incident contain {incident} rollback-retrieval");
        Assert.Equal(InvokeAnswer.CardType, (await channel.ClickAsync(TeamsPeople.Alice, contain.Message, contain.Execute)).Type);
        reject = await WaitForButtonAsync($"/incident reject {incident}");
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task CardAction_RejectWithTheReasonTypedInTheCard_RecordsTheReasonAsTyped()
    {
        // Arrange
        const string reason = "Snapshot kb-41 predates the *new* refund policy; roll the prompt back instead";
        Assert.Equal("reason", TeamsCards.InputId(reject.Execute));

        // Act
        var answer = await channel.ClickAsync(TeamsPeople.Carol, reject.Message, reject.Execute, typed: reason);

        // Assert
        Assert.True(answer is { Status: HttpStatusCode.OK, StatusCode: 200, Type: InvokeAnswer.CardType }, answer.ToString());
        var rejected = Assert.Single(await bot.EventsAsync(incident), e => e.Type == "ContainmentRejected");
        Assert.Equal("carol", rejected.Actor);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(reason)[1..^1], rejected.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardAction_RejectArrivingWithoutItsReason_IsAnsweredWithAnErrorAndChangesNothing()
    {
        // Arrange: the invoke as Teams would send it had the input been left out (Teams itself requires it).
        var before = await bot.AllEventsAsync();
        var invoke = TeamsActivities.Invoke(TeamsPeople.Carol, ChannelId, reject.Execute, reject.Message.ActivityId,
            reject.Message.ReplyToId ?? reject.Message.ActivityId, bot.Connector.ServiceUrl, bot.Connector.AppId);

        // Act
        var answer = await channel.InvokeAsync(invoke, TeamsCards.Command(reject.Execute));

        // Assert
        Assert.True(answer is { Status: HttpStatusCode.OK, StatusCode: 400, Type: "application/vnd.microsoft.error" }, answer.ToString());
        Assert.Equal(before.Select(e => e.Hash), (await bot.AllEventsAsync()).Select(e => e.Hash));
    }

    private async Task<(ConnectorStandInCall Message, System.Text.Json.Nodes.JsonObject Execute)> WaitForButtonAsync(string commandPrefix)
    {
        var calls = await bot.Connector.Transcript.WaitForAsync(t => TeamsCards.Newest(t, commandPrefix) is not null, Within, $"a card with '{commandPrefix}'");
        return TeamsCards.Newest(calls, commandPrefix)!.Value;
    }
}
