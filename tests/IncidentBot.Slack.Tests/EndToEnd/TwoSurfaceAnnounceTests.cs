using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Slack.Tests.EndToEnd;

/// <summary>
/// An incident opened by an alert with <c>Signals:AnnounceTo</c> naming Slack and Teams is posted in both and updated in
/// both: the real host with both surfaces configured, a Slack Web API stand-in, a Bot Framework connector and OpenID
/// stand-in, over loopback HTTP.
/// </summary>
public sealed class TwoSurfaceAnnounceTests : IAsyncLifetime
{
    private const string SlackChannel = "C0ALERTS";
    private const string TeamsChannel = "19:alerts0123456789@thread.tacv2";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private SlackAndTeamsBot both = null!;
    private BotFrameworkKeySet keys = null!;
    private ConnectorStandIn connector = null!;
    private SlackBot bot = null!;

    public async Task InitializeAsync()
    {
        both = await SlackAndTeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:Delivery:PollInterval"] = "00:00:00.050",
            ["Slack:Delivery:PollInterval"] = "00:00:00.050",
            ["Signals:AnnounceTo"] = "slack,teams",
            ["Signals:Conversations:slack"] = SlackChannel,
            ["Signals:Conversations:teams"] = TeamsChannel,
            ["Governance:People:0:Identities:teams"] = "aad-alice",
        });
        (keys, connector, bot) = (both.Keys, both.Connector, both.Bot);
    }

    public async Task DisposeAsync() => await both.DisposeAsync();

    [Fact]
    public async Task Signal_AnnouncedToSlackAndTeams_BothThreadsGetTheRootAndEveryLaterChange()
    {
        // Arrange: the bot is added to the Teams channel, so it knows the channel's service URL.
        using (var added = await PostActivityAsync(new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "f:added-1",
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + connector.AppId }),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        // Act: an alert opens an incident; then alice triages it from Slack, and notes it from Teams.
        using var signal = await bot.Http.PostAsync("/api/signals", new StringContent("""
            {"source":"grafana","key":"bad-answers","status":"firing","title":"Assistant gives bad refund answers","service":"support-assistant","severity":"high"}
            """, Encoding.UTF8, "application/json"));
        var declared = JsonNode.Parse(await signal.Content.ReadAsStringAsync())!;
        Assert.Equal("declared", declared["outcome"]!.GetValue<string>());
        var id = declared["incidentId"]!.GetValue<string>();
        var teamsRoot = (await connector.Transcript.WaitForAsync(c => c.Any(x => x.Kind == ConnectorStandInCallKind.Send), Within, "the Teams root card"))
            .Single(x => x.Kind == ConnectorStandInCallKind.Send);
        Assert.True(await SlackBot.EventuallyAsync(() => ThreadTranscript.Roots(bot.Slack, SlackChannel).Count == 1, 30_000), "no Slack root");

        using (var triage = await bot.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand("U0ALICE", SlackChannel, $"triage {id} sev1 prompt", "trigger-two-1"), SlackPayloads.Form))
            Assert.Equal(HttpStatusCode.OK, triage.StatusCode);
        using (var note = await PostActivityAsync(new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1700000000001",
            ["text"] = $"<at>IncidentBot</at> note {id} rollback looks right from here",
            ["from"] = new JsonObject { ["id"] = "29:alice", ["aadObjectId"] = "aad-alice", ["name"] = "Alice" },
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>IncidentBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:" + connector.AppId, ["name"] = "IncidentBot" },
            }),
        }, conversationId: TeamsChannel + ";messageid=" + teamsRoot.ActivityId))
        {
            Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        }

        // Assert: both threads got both changes as replies, and both roots were brought to the triaged state.
        await connector.Transcript.WaitForAsync(c => c.Count(x => x.Kind == ConnectorStandInCallKind.Reply && x.ReplyToId == teamsRoot.ActivityId) >= 2, Within,
            "two Teams replies under the root");
        Assert.True(await SlackBot.EventuallyAsync(() => bot.Slack.Succeeded("chat.postMessage").Count(c => c.Body["thread_ts"] is not null) >= 2, 30_000),
            "two Slack replies in the thread");
        // One reply per change in each thread: the triage's card (people choose a containment next, so it has buttons,
        // the line of what happened leading it), then the note's line with the note's text.
        var teamsReplies = connector.Transcript.RepliesTo(teamsRoot.ActivityId).Select(r => r.Activity.ToJsonString()).ToList();
        var slackReplies = bot.Slack.Succeeded("chat.postMessage").Where(c => c.Body["thread_ts"] is not null).Select(c => c.Body.ToJsonString()).ToList();
        Assert.Equal(2, teamsReplies.Count);
        Assert.Equal(2, slackReplies.Count);
        Assert.All(new[] { teamsReplies[0], slackReplies[0] }, r => Assert.Contains("SEV1", r, StringComparison.OrdinalIgnoreCase));
        Assert.All(new[] { teamsReplies[1], slackReplies[1] }, r => Assert.Contains("note: rollback looks right from here", r, StringComparison.Ordinal));
        Assert.Contains(connector.Transcript.UpdatesOf(teamsRoot.ActivityId), u => u.Activity.ToJsonString().Contains("SEV1", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(bot.Slack.Succeeded("chat.update"), c => ThreadTranscript.Str(c, "channel") == SlackChannel);
        Assert.Single(connector.Transcript.RootMessages());
        Assert.Single(ThreadTranscript.Roots(bot.Slack, SlackChannel));
        var events = await bot.EventsAsync(id);
        Assert.Contains(events, e => e.Type == "IncidentTriaged" && e.Surface == "slack");
        Assert.Contains(events, e => e.Type == "NoteAdded" && e.Surface == "teams");
    }

    /// <summary>POSTs an activity in <paramref name="conversationId"/> (the alerts channel) with a valid connector token.</summary>
    private async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string conversationId = TeamsChannel)
    {
        activity["channelId"] = "msteams";
        activity["serviceUrl"] = connector.ServiceUrl.ToString();
        activity["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "channel", ["isGroup"] = true };
        activity["recipient"] = new JsonObject { ["id"] = "28:" + connector.AppId, ["name"] = "IncidentBot" };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-two-surface" } };
        activity["from"] ??= new JsonObject { ["id"] = "29:admin", ["aadObjectId"] = "aad-admin" };
        var token = BotFrameworkTokenMinter.MintToken(keys.Teams,
            BotFrameworkTokenClaims.For(connector.AppId, DateTimeOffset.UtcNow) with { ServiceUrl = connector.ServiceUrl.ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await bot.Http.SendAsync(request);
    }
}
