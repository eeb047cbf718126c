using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// An incident opened by an Alertmanager notification is announced in every surface <c>Signals:AnnounceTo</c> names:
/// here <c>slack,teams</c>. The Teams channel can be posted to once the bot has been added to its team (the
/// <c>conversationUpdate</c> carries the service URL); it gets the root card, and later changes update it in place and
/// reply under it. Slack is not configured in this bot: its notifications are committed and wait in the outbox (the
/// two-surface delivery is the host tests' business).
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsAlertAnnouncementTests : IAsyncLifetime
{
    private const string TeamsChannelId = "19:alerts7c6b5a493827160f5e4d3c2b1a09f8e7@thread.tacv2";
    private const string SlackChannelId = "C0ALERTS";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private TeamsBot bot = null!;
    private TeamsChannel channel = null!;

    public async Task InitializeAsync()
    {
        bot = await TeamsBot.StartAsync(new Dictionary<string, string>
        {
            ["Signals:AnnounceTo"] = "slack,teams",
            ["Signals:Conversations:slack"] = SlackChannelId,
            ["Signals:Conversations:teams"] = TeamsChannelId,
        });
        channel = bot.Channel(TeamsChannelId);
    }

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Alert_AnnouncedToSlackAndTeams_TeamsChannelGetsTheRootCardAndItsUpdates()
    {
        // Arrange: the team adds the bot, so the channel's service URL is known.
        await channel.AddBotAsync();

        // Act: Alertmanager reports the docs example alert; then alice triages from the root card.
        using var signal = await bot.Http.PostAsync("api/signals/alertmanager", new StringContent(
            await File.ReadAllTextAsync(RepositoryRoot.Combine("tests", "IncidentBot.Host.Tests", "Signals", "Fixtures", "alertmanager-docs-example.json")),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        var id = (await signal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
        var root = await bot.ThreadOfAsync(id);
        var rootCard = Assert.Single(bot.Connector.Transcript.RootMessages(TeamsChannelId));
        var sev1 = TeamsCards.Executes(TeamsCards.CardOf(rootCard.Activity)!).Single(e => TeamsCards.Command(e).EndsWith(" sev1", StringComparison.Ordinal));
        var answer = await channel.ClickAsync(TeamsPeople.Alice, rootCard, sev1);
        await bot.Connector.Transcript.WaitForAsync(_ => bot.Connector.Transcript.RepliesTo(root).Count >= 1, Within, "the triage reply");
        await bot.AllDeliveredAsync(channel);

        // Assert: the root card went to the announced channel, as a new message, and names the incident.
        Assert.Equal(root, rootCard.ActivityId);
        Assert.Contains(id, rootCard.Activity["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(answer is { StatusCode: 200, Type: InvokeAnswer.CardType }, answer.ToString());
        // The change replied under the root, and the root now shows the incident as it is.
        var expected = TeamsThread.ExpectedLines(await bot.NotificationsAsync(Surfaces.Teams), await bot.EventsAsync(id), id);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, TeamsThread.SaidLines(bot.Connector.Transcript.RepliesTo(root).Select(c => c.Activity), expected));
        var current = await bot.Services.GetRequiredService<IncidentBot.Core.Commands.IncidentEngine>().CardAsync(id, CancellationToken.None);
        Assert.Equal(new TeamsMessageBuilder().Message(current!).ToJsonString(), bot.Connector.Transcript.UpdatesOf(root)[^1].Activity.ToJsonString());
        Assert.Single(bot.Connector.Transcript.Calls, c => c.Kind == ConnectorStandInCallKind.Send);
        // Slack was told the same things, in its own channel: one notification per Teams one, waiting for a Slack sender.
        var slack = (await bot.NotificationsAsync(Surfaces.Slack)).Where(n => n.Stream == id).ToList();
        var teams = (await bot.NotificationsAsync(Surfaces.Teams)).Where(n => n.Stream == id).ToList();
        Assert.Equal(teams.Count, slack.Count);
        Assert.All(slack, n => Assert.Equal(SlackChannelId, OutboxDrafts.Read<Notification>(n).To?.Channel));
        Assert.All(teams, n => Assert.Equal(TeamsChannelId, OutboxDrafts.Read<Notification>(n).To?.Channel));
    }
}
