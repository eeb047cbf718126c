using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>A declaration with just a title opens an incident on the default general runbook (it used to ask "Which
/// runbook?" and create nothing).</summary>
public sealed class SlackBareDeclareTests(SlackBot bot) : IClassFixture<SlackBot>
{
    [Fact]
    public async Task PostCommand_DeclareWithJustATitle_OpensOnTheGeneralRunbook()
    {
        // Act
        using var response = await bot.PostSignedAsync("/slack/commands",
            SlackPayloads.SlashCommand("U0ALICE", "C0BARE", "declare Checkout is slow", "13345224609.1.bare"), SlackPayloads.Form);

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var id = await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, "C0BARE", default);
        Assert.NotNull(id);
        Assert.Contains(id, JsonNode.Parse(body)!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var first = (await bot.EventsAsync(id)).First();
        var declared = Assert.IsType<IncidentDeclared>(EventCodec.Deserialize(first.Type, first.PayloadJson));
        Assert.Equal(("Checkout is slow", "general", "alice", "slack"), (declared.Title, declared.RunbookId, declared.Commander, first.Surface));
    }
}
