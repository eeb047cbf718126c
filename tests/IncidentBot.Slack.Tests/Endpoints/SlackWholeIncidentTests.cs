using IncidentBot.Core.Conversations;
using IncidentBot.Core.Outbox;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>
/// A whole incident run from Slack over real HTTP, by two people: alice (on-call) types slash commands and clicks,
/// her own approval is refused, bob (approver) approves with a click, the bot rolls the release back, and
/// everything lands in one thread — root card kept current, replies in order, every message within Block Kit's limits.
/// </summary>
public sealed class SlackWholeIncidentTests(SlackBot bot) : IClassFixture<SlackBot>
{
    private const string Channel = "C0WHOLE";
    private static int triggers;

    [Fact]
    public async Task SlashCommandsAndClicks_TwoPeople_RunAnIncidentFromDeclareToCloseInOneThread()
    {
        // Arrange: checkout-api's release history, so there is an approved version to roll back to. (service-release's
        // rollback-release, not an ai-assistant-drift rollback: those call a deploy system and verify themselves; this
        // one is all in the bot, with a person confirming recovery.)
        var changes = bot.Services.GetRequiredService<ChangeLog>();
        await changes.RecordAsync(new ChangeRecord("checkout-api", "release", "kb-41", "dana", DateTimeOffset.UtcNow.AddHours(-3), true, ""), "api", Surfaces.Api, default);
        await changes.RecordAsync(new ChangeRecord("checkout-api", "release", "kb-42", "dana", DateTimeOffset.UtcNow.AddMinutes(-40), true, ""), "api", Surfaces.Api, default);

        // Act
        await SlashAsync("U0ALICE", "declare Checkout failing sev2 service=checkout-api runbook=service-release");
        var id = (await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, Channel, default))!;
        var root = await RootAsync(id);
        await SlashAsync("U0ALICE", "triage sev2 release");
        await ClickAsync("U0ALICE", id, root, "/incident contain " + id + " rollback-release");
        await ClickAsync("U0ALICE", id, root, "/incident approve");          // refused: she chose it
        await ClickAsync("U0BOB", id, root, "/incident approve");            // the quorum: executes
        Assert.True(await SlackBot.EventuallyAsync(() => State(id) == IncidentState.Verifying, 15_000), $"state {State(id)}");
        await ClickAsync("U0ALICE", id, root, "/incident recovered");
        await ClickAsync("U0ALICE", id, root, "/incident review");
        await SlashAsync("U0ALICE", $"learn {id} Prompt changes need an eval gate");
        await SlashAsync("U0ALICE", $"followup {id} Snapshot evals before release owner=bob");   // sev2 needs one with an owner
        await ClickAsync("U0ALICE", id, root, "/incident close");

        // Assert: the incident, its evidence, and the thread.
        Assert.Equal(IncidentState.Closed, State(id));
        var events = await bot.EventsAsync(id);
        var refused = Assert.Single(events, e => e.Type == "CommandRefused");
        Assert.Equal("alice", refused.Actor);
        Assert.Contains(events, e => e.Type == "ApprovalGranted" && e.Actor == "bob");
        Assert.Contains(events, e => e.Type == "StepCompleted" && e.PayloadJson.Contains("from kb-42 to kb-41", StringComparison.Ordinal));
        Assert.True(await SlackBot.EventuallyAsync(() => AllDelivered(id), 15_000), "the thread's messages were not all delivered");
        // The thread says what happened, in order, who did it, and the note-like entries' own text; cards where people act.
        var said = ThreadTranscript.Lines(bot.Slack, root.Ts);
        int At(string fragment) => said.ToList().FindIndex(l => l.Contains(fragment, StringComparison.Ordinal));
        string[] story = ["triaged as sev2", "chose rollback-release", "approved rollback-release", "execution of rollback-release succeeded",
            "confirmed recovery", "started the post-incident review", "learning: Prompt changes need an eval gate",
            "follow-up: Snapshot evals before release", "closed the incident"];
        Assert.All(story, f => Assert.True(At(f) >= 0, $"'{f}' is not in the thread:\n{string.Join('\n', said)}"));
        Assert.Equal(story.Select(At).Order(), story.Select(At));
        // A card where people had to act (rendered at delivery, so with the moves legal then; how many of them depends on
        // how the changes were grouped, which depends on how fast the thread is drained).
        Assert.Contains(ThreadReplies(root), c => Text(c).Contains("\"header\"", StringComparison.Ordinal));
        Assert.Contains(bot.Slack.Succeeded("chat.postEphemeral"), c => c.Body["user"]!.GetValue<string>() == "U0ALICE" && Text(c).Contains("cannot approve", StringComparison.Ordinal));
        Assert.Contains(bot.Slack.Succeeded("chat.update"), c => c.Body["ts"]!.GetValue<string>() == root.Ts && Text(c).Contains("Closed", StringComparison.Ordinal));
        SlackMessageChecks.AssertWithinLimits(bot.Slack.Calls);
    }

    private IncidentState State(string id) => bot.Engine.LoadAsync(id, default).GetAwaiter().GetResult()!.Value.Incident.State;

    private async Task SlashAsync(string user, string text)
    {
        using var response = await bot.PostSignedAsync("/slack/commands",
            SlackPayloads.SlashCommand(user, Channel, text, $"1.{Interlocked.Increment(ref triggers)}.whole"), SlackPayloads.Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The root message the delivery worker posted for the incident (waits for it).</summary>
    private async Task<(string Channel, string Ts)> RootAsync(string id)
    {
        Assert.True(await SlackBot.EventuallyAsync(() => bot.Slack.Succeeded("chat.postMessage").Any(c => c.Body["thread_ts"] is null && Text(c).Contains(id, StringComparison.Ordinal)), 15_000));
        var conversations = bot.Services.GetRequiredService<IConversationReadModel>();
        var threads = await conversations.ConversationsOfAsync(id, default);
        Assert.True(await SlackBot.EventuallyAsync(() => conversations.ConversationsOfAsync(id, default).GetAwaiter().GetResult()
            .Any(c => c.Thread is not null), 15_000), string.Join(",", threads));
        var thread = (await conversations.ConversationsOfAsync(id, default)).First(c => c.Thread is not null);
        return (thread.Channel, thread.Thread!);
    }

    /// <summary>Clicks the button of the incident's current card whose command starts with <paramref name="prefix"/>, as Slack reports it.</summary>
    private async Task ClickAsync(string user, string id, (string Channel, string Ts) root, string prefix)
    {
        var message = new BlockKitRenderer().Render((await bot.Engine.CardAsync(id, default))!);
        var (blockId, actionId, value) = message.Blocks.OfType<JsonObject>().Where(b => b["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>().Select(e => (Block: b["block_id"]!.GetValue<string>(), Action: e["action_id"]!.GetValue<string>(), Value: e["value"]!.GetValue<string>())))
            .First(b => b.Value.StartsWith(prefix, StringComparison.Ordinal));
        using var response = await bot.PostSignedAsync("/slack/interactions",
            SlackPayloads.BlockActions(user, root.Channel, root.Ts, null, blockId, actionId, value), SlackPayloads.Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>True when every message for the incident's thread was delivered (its outbox rows are done).</summary>
    private bool AllDelivered(string id) =>
        bot.Services.GetRequiredService<IncidentBot.Storage.Sqlite.SqliteStore>().ReadOutboxAsync(OutboxKind.Notify, Surfaces.Slack, 0, 1000, default).GetAwaiter().GetResult()
            .Where(i => i.Stream == id).All(i => i.DoneUtc is not null);

    private List<RecordedCall> ThreadReplies((string Channel, string Ts) root) =>
        bot.Slack.Succeeded("chat.postMessage").Where(c => c.Body["thread_ts"]?.GetValue<string>() == root.Ts).ToList();

    private static string Text(RecordedCall call) => call.Body.ToJsonString();
}
