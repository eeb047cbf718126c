using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>
/// The review stage from Slack, over real HTTP: a sev1 incident of the shipped ai-assistant-drift runbook (6 review
/// questions, every answer required) in review. Its card is valid Block Kit with every button, and a button that asks
/// for text opens a modal whose submission is applied as the button's command plus the text typed.
/// </summary>
public sealed class SlackReviewTests(SlackBot bot) : IClassFixture<SlackBot>
{
    private static int triggers;

    /// <summary>Declares a sev1 incident, confirms recovery by hand (allowed at the containment choice) and starts the review.</summary>
    private async Task<string> InReviewAsync(string channel)
    {
        await SlashAsync("U0ALICE", channel, "declare Assistant promises refunds sev1 service=support-assistant runbook=ai-assistant-drift");
        var id = (await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, channel, default))!;
        await SlashAsync("U0ALICE", channel, $"triage {id} sev1 prompt");
        await SlashAsync("U0ALICE", channel, $"recovered {id} rolled back by hand");
        await SlashAsync("U0ALICE", channel, $"review {id}");
        Assert.Equal(IncidentState.InReview, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.State);
        return id;
    }

    private async Task SlashAsync(string user, string channel, string text)
    {
        using var response = await bot.PostSignedAsync("/slack/commands",
            SlackPayloads.SlashCommand(user, channel, text, $"2.{Interlocked.Increment(ref triggers)}.review"), SlackPayloads.Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<SlackMessage> RenderedCardAsync(string id) => new BlockKitRenderer().Render((await bot.Engine.CardAsync(id, default))!);

    private static IEnumerable<(string BlockId, JsonObject Button)> Buttons(SlackMessage message) =>
        message.Blocks.OfType<JsonObject>().Where(b => b["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>().Select(e => (b["block_id"]!.GetValue<string>(), e)));

    [Fact]
    public async Task ReviewCard_SixQuestionsUnanswered_RendersValidBlockKitWithEveryButton()
    {
        // Arrange
        var id = await InReviewAsync("C0REVIEWCARD");
        var card = (await bot.Engine.CardAsync(id, default))!;

        // Act
        var message = new BlockKitRenderer().Render(card);

        // Assert
        Assert.Empty(BlockKitLimits.Validate(new JsonObject { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }));
        var buttons = Buttons(message).Select(b => b.Button).ToList();
        Assert.Equal(card.Buttons.Select(b => b.Command), buttons.Select(b => b["value"]!.GetValue<string>()));
        var answers = buttons.Where(b => b["text"]!["text"]!.GetValue<string>().StartsWith("Answer Q", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, answers.Count);
        Assert.All(answers, b => Assert.StartsWith(BlockKitRenderer.InputActionPrefix, b["action_id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("What changed (prompt, retrieval, model, tools), who approved it, and what evaluation did it pass before release?",
            BlockKitRenderer.InputPromptOf(answers[0]["action_id"]!.GetValue<string>()));
        Assert.Contains("answers to questions 1, 2, 3, 4, 5, 6 (0 of 6 answered)", message.Blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await SlackBot.EventuallyAsync(() => bot.Slack.Succeeded("chat.update").Concat(bot.Slack.Succeeded("chat.postMessage"))
            .Any(c => c.Body.ToJsonString().Contains("Answer Q6", StringComparison.Ordinal)), 15_000), "the review card was not delivered");
        SlackMessageChecks.AssertWithinLimits(bot.Slack.Calls);
    }

    [Fact]
    public async Task AddFollowUp_ClickThenModalWithOwnerAndDue_RecordsTheFollowUpWithBoth()
    {
        // Arrange
        var id = await InReviewAsync("C0REVIEWFOLLOWUP");
        var (blockId, button) = Buttons(await RenderedCardAsync(id)).Single(b => b.Button["value"]!.GetValue<string>() == $"/incident followup {id}");
        var click = SlackPayloads.BlockActions("U0ALICE", "C0REVIEWFOLLOWUP", "1700000000.000900", "1700000000.000100", blockId,
            button["action_id"]!.GetValue<string>(), button["value"]!.GetValue<string>(), "999.followup.trigger");

        // Act 1: the click opens the modal and records nothing yet.
        using var clicked = await bot.PostSignedAsync("/slack/interactions", click, SlackPayloads.Form);
        var view = bot.Slack.Succeeded("views.open").Single(c => c.Body["trigger_id"]?.GetValue<string>() == "999.followup.trigger").Body["view"]!.AsObject();
        var before = (await bot.EventsAsync(id)).Count(e => e.Type == nameof(FollowUpAdded));

        // Act 2: the person types the action, its owner and due date, and submits.
        using var submitted = await bot.PostSignedAsync("/slack/interactions",
            SlackPayloads.ViewSubmission("U0ALICE", "V0FOLLOWUP", view["private_metadata"]!.GetValue<string>(), "Rotate eval set owner=bob due=2026-12-20"), SlackPayloads.Form);

        // Assert
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Empty(BlockKitLimits.ValidateView(view));
        Assert.Contains("owner=", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, before);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var added = Assert.Single(await bot.EventsAsync(id), e => e.Type == nameof(FollowUpAdded));
        Assert.Equal("alice", added.Actor);
        Assert.Equal(new FollowUpAdded("Rotate eval set", "bob", new DateOnly(2026, 12, 20)) { Moved = new(IncidentState.InReview, IncidentState.InReview) }, EventCodec.Deserialize(added.Type, added.PayloadJson));
        Assert.Equal(1, (await bot.Engine.LoadAsync(id, default))!.Value.Incident.FollowUpsWithOwner);
    }
}
