using IncidentBot.Core.Conversations;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>Over real HTTP: an incident driven from Slack by slash commands, buttons, a modal and mentions.</summary>
public sealed class SlackEndpointsFlowTests(SlackBot bot) : IClassFixture<SlackBot>
{
    private static int triggers;

    private async Task<(HttpResponseMessage Response, JsonObject Json)> SlashAsync(string user, string channel, string text)
    {
        var response = await bot.PostSignedAsync("/slack/commands",
            SlackPayloads.SlashCommand(user, channel, text, $"13345224609.{Interlocked.Increment(ref triggers)}.flow"), SlackPayloads.Form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return (response, JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>Declares, triages and chooses force-human-review in <paramref name="channel"/>; returns the incident id.</summary>
    private async Task<string> AwaitingApprovalAsync(string channel)
    {
        var (_, declared) = await SlashAsync("U0ALICE", channel, "declare Assistant promises refunds sev2 service=support-assistant runbook=ai-assistant-drift");
        var id = (await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, channel, default))!;
        Assert.Contains(id, declared["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await SlashAsync("U0ALICE", channel, "triage sev2 prompt");
        await SlashAsync("U0ALICE", channel, "contain force-human-review");
        Assert.Equal(IncidentState.AwaitingApproval, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State);
        return id;
    }

    /// <summary>The button of the incident's current card whose command starts with <paramref name="commandPrefix"/>, as Slack would report a click on it.</summary>
    private async Task<(string BlockId, string ActionId, string Value)> ButtonAsync(string incidentId, string commandPrefix)
    {
        var message = new BlockKitRenderer().Render((await bot.Engine.CardAsync(incidentId, default))!);
        foreach (var block in message.Blocks.OfType<JsonObject>().Where(b => b["type"]!.GetValue<string>() == "actions"))
            foreach (var button in block["elements"]!.AsArray().OfType<JsonObject>())
                if (button["value"]!.GetValue<string>().StartsWith(commandPrefix, StringComparison.Ordinal))
                    return (block["block_id"]!.GetValue<string>(), button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>());
        throw new InvalidOperationException($"No button {commandPrefix} on {incidentId}'s card.");
    }

    private async Task<int> CountAsync(string incidentId, string type) => (await bot.EventsAsync(incidentId)).Count(e => e.Type == type);

    [Fact]
    public async Task PostCommand_Declare_AnswersWithin3SecondsAndBindsTheChannel()
    {
        var watch = Stopwatch.StartNew();

        var (_, json) = await SlashAsync("U0ALICE", "C0DECLARE", "declare Checkout is down sev1 service=support-assistant");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal("ephemeral", json["response_type"]!.GetValue<string>());
        Assert.Empty(BlockKitLimits.Validate(json));
        var bound = await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, "C0DECLARE", default);
        Assert.NotNull(bound);
        Assert.Contains(bound, json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var declared = (await bot.EventsAsync(bound)).First();
        Assert.Equal(("IncidentDeclared", "alice", "slack"), (declared.Type, declared.Actor, declared.Surface));
    }

    [Fact]
    public async Task PostInteraction_ApproveClickedByTheRequester_IsRefusedRecordedAndRepliedEphemerally()
    {
        // Arrange
        var id = await AwaitingApprovalAsync("C0REFUSE");
        var (blockId, actionId, value) = await ButtonAsync(id, "/incident approve");
        var refusalsBefore = await CountAsync(id, "CommandRefused");

        // Act
        using var response = await bot.PostSignedAsync("/slack/interactions",
            SlackPayloads.BlockActions("U0ALICE", "C0REFUSE", "1700000000.000100", null, blockId, actionId, value), SlackPayloads.Form);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(refusalsBefore + 1, await CountAsync(id, "CommandRefused"));
        Assert.Equal(IncidentState.AwaitingApproval, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State);
        Assert.True(await SlackBot.EventuallyAsync(() => bot.Slack.Succeeded("chat.postEphemeral").Any(c => c.Body["channel"]?.GetValue<string>() == "C0REFUSE")));
        var ephemeral = bot.Slack.Succeeded("chat.postEphemeral").Single(c => c.Body["channel"]?.GetValue<string>() == "C0REFUSE");
        Assert.Equal(("U0ALICE", "1700000000.000100"), (ephemeral.Body["user"]!.GetValue<string>(), ephemeral.Body["thread_ts"]!.GetValue<string>()));
        Assert.Contains("Refused", ephemeral.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.Validate(ephemeral.Body));
    }

    [Fact]
    public async Task PostInteraction_ApproveDoubleClickedByAnApprover_AppliesOnce()
    {
        // Arrange
        var id = await AwaitingApprovalAsync("C0APPROVE");
        var (blockId, actionId, value) = await ButtonAsync(id, "/incident approve");
        var click = SlackPayloads.BlockActions("U0BOB", "C0APPROVE", "1700000000.000300", "1700000000.000100", blockId, actionId, value);

        // Act
        using var first = await bot.PostSignedAsync("/slack/interactions", click, SlackPayloads.Form);
        using var second = await bot.PostSignedAsync("/slack/interactions", click, SlackPayloads.Form);

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await CountAsync(id, "ApprovalGranted"));
        Assert.Equal(0, await CountAsync(id, "CommandRefused"));
        var events = await bot.EventsAsync(id);
        var approval = events.Single(e => e.Type == "ApprovalGranted");
        Assert.Equal(("bob", "slack"), (approval.Actor, approval.Surface));
        Assert.NotEqual(IncidentState.AwaitingApproval, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State);
    }

    [Fact]
    public async Task PostEvents_MentionRetriedWithTheSameEventId_AppliesOnce()
    {
        // Arrange: the delivery worker has the engine bind the thread when it posts the root; stand in for it here.
        var id = await AwaitingApprovalAsync("C0MENTION");
        await bot.Engine.RecordThreadAsync(id, new ConversationReference(Surfaces.Slack, "C0MENTION", "1700000000.000100"), "test-thread", default);
        var body = SlackPayloads.AppMention("Ev0MENTION1", "U0ALICE", "C0MENTION", "1700000000.000100", "<@U0BOT> note dashboards &amp; logs checked");

        // Act
        using var first = await bot.PostSignedAsync("/slack/events", body, SlackPayloads.Json);
        using var retry = await bot.PostSignedAsync("/slack/events", body, SlackPayloads.Json,
            headers: new Dictionary<string, string> { ["x-slack-retry-num"] = "1", ["x-slack-retry-reason"] = "http_timeout" });

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var notes = (await bot.EventsAsync(id)).Where(e => e.Type == "NoteAdded").ToList();
        Assert.Single(notes);
        Assert.Equal("dashboards & logs checked", JsonNode.Parse(notes[0].PayloadJson)!["text"]!.GetValue<string>());
        Assert.Equal(("alice", IncidentState.AwaitingApproval), (notes[0].Actor, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State));
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 3010 && l.Message.Contains("Ev0MENTION1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostEvents_MentionOutsideAThread_RepliesWithAHintAndChangesNothing()
    {
        var before = await bot.CountsAsync();

        using var response = await bot.PostSignedAsync("/slack/events",
            SlackPayloads.AppMention("Ev0HINT", "U0CAROL", "C0HINT", null, "<@U0BOT> approve"), SlackPayloads.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await SlackBot.EventuallyAsync(() => bot.Slack.Succeeded("chat.postEphemeral").Any(c => c.Body["channel"]?.GetValue<string>() == "C0HINT")));
        Assert.Equal(before.Incidents, (await bot.CountsAsync()).Incidents);
    }

    [Fact]
    public async Task PostInteraction_RejectButtonThenModal_RejectsWithTheTypedReason()
    {
        // Arrange
        var id = await AwaitingApprovalAsync("C0REJECT");
        var (blockId, actionId, value) = await ButtonAsync(id, "/incident reject");
        var click = SlackPayloads.BlockActions("U0CAROL", "C0REJECT", "1700000000.000500", "1700000000.000100", blockId, actionId, value, "999.reject.trigger");

        // Act 1: the click opens a modal (with the 3-second trigger id) and changes nothing yet.
        using var clicked = await bot.PostSignedAsync("/slack/interactions", click, SlackPayloads.Form);
        var open = bot.Slack.Succeeded("views.open").Single(c => c.Body["trigger_id"]?.GetValue<string>() == "999.reject.trigger");
        var view = open.Body["view"]!.AsObject();
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Empty(BlockKitLimits.ValidateView(view));
        Assert.Equal(0, await CountAsync(id, "ContainmentRejected"));
        var metadata = view["private_metadata"]!.GetValue<string>();

        // Act 2: an empty submission keeps the modal open; a reason applies the command.
        using var empty = await bot.PostSignedAsync("/slack/interactions", SlackPayloads.ViewSubmission("U0CAROL", "V0EMPTY", metadata, "   "), SlackPayloads.Form);
        var emptyJson = JsonNode.Parse(await empty.Content.ReadAsStringAsync())!;
        using var submitted = await bot.PostSignedAsync("/slack/interactions", SlackPayloads.ViewSubmission("U0CAROL", "V0REASON", metadata, "Too risky during peak"), SlackPayloads.Form);

        // Assert
        Assert.Equal("errors", emptyJson["response_action"]!.GetValue<string>());
        Assert.NotNull(emptyJson["errors"]!["input"]);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("", await submitted.Content.ReadAsStringAsync());
        var rejected = (await bot.EventsAsync(id)).Single(e => e.Type == "ContainmentRejected");
        Assert.Equal("carol", rejected.Actor);
        Assert.Contains("Too risky during peak", rejected.PayloadJson, StringComparison.Ordinal);
        Assert.Equal(IncidentState.ContainmentChoice, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State);
    }

    [Fact]
    public async Task PostCommand_TypedInTheDeclaredChannel_FindsTheIncidentWithoutAnId()
    {
        var (_, declared) = await SlashAsync("U0ALICE", "C0STATUS", "declare Slow answers sev3 service=support-assistant");

        var (_, status) = await SlashAsync("U0BOB", "C0STATUS", "status");

        var id = (await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, "C0STATUS", default))!;
        Assert.Contains(id, declared["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(id, status["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(status["blocks"]!.AsArray(), b => b!["block_id"]!.GetValue<string>().StartsWith(id + "@", StringComparison.Ordinal));
        Assert.Empty(BlockKitLimits.Validate(status));
    }
}
