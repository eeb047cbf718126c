using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// One whole incident run in a Teams channel by two people, over real HTTP on both sides, once for the tests of
/// <see cref="TeamsWholeIncidentTests"/>: alice declares with <c>@IncidentBot declare …</c>, types the triage in the
/// root card's reply chain, chooses service-release's rollback with a click, clicks Approve herself (refused: she chose
/// it), bob approves with a click, the bot rolls the release back (a <c>baseline</c> step: no outside system) and waits in
/// verification (manual checks), alice confirms recovery, starts the review, types a learning, adds a follow-up for bob
/// and answers question 2 with the review card's buttons (typing into the card), and closes. Every click
/// is built from a button of a card the bot really sent (the stand-in's transcript): for a confirmation, the
/// <c>Action.Execute</c> inside its <c>Action.ShowCard</c>. Ends when every committed notification reached Teams.
/// </summary>
public sealed class TeamsWholeIncidentRun : IAsyncLifetime
{
    public const string ChannelId = "19:wholeincident9f8e7d6c5b4a39281706f5e4d3c2b1a0@thread.tacv2";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    internal TeamsBot Bot { get; private set; } = null!;

    internal TeamsChannel Channel { get; private set; } = null!;

    public string IncidentId { get; private set; } = "";

    /// <summary>The root card's activity id: the reply chain of the incident.</summary>
    public string RootId { get; private set; } = "";

    /// <summary>Alice's click on Approve, for the rollback she chose herself.</summary>
    internal InvokeAnswer AliceApproves { get; private set; } = null!;

    /// <summary>Bob's click on Approve.</summary>
    internal InvokeAnswer BobApproves { get; private set; } = null!;

    /// <summary>The review card as the bot sent it, while question 2 was unanswered.</summary>
    public System.Text.Json.Nodes.JsonObject ReviewCard { get; private set; } = null!;

    /// <summary>Alice's click on "Answer Q2", with her answer typed in the card.</summary>
    internal InvokeAnswer AliceAnswers { get; private set; } = null!;

    /// <summary>The notifications committed for Teams, oldest first (the thread must show exactly these).</summary>
    public IReadOnlyList<OutboxItem> Notifications { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Bot = await TeamsBot.StartAsync();
        Channel = Bot.Channel(ChannelId);
        try
        {
            await RunAsync();
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"The incident did not run through: {e.Message}\n{await Bot.DiagnosticsAsync(Channel)}", e);
        }
    }

    private async Task RunAsync()
    {
        var alice = TeamsPeople.Alice;
        // checkout-api's release history, so there is an approved release to roll back to (the ai-assistant-drift
        // rollbacks call a deploy system and verify themselves; this one is all in the bot, a person confirms recovery).
        await RecordChangeAsync("kb-41", TimeSpan.FromHours(3));
        await RecordChangeAsync("kb-42", TimeSpan.FromMinutes(40));

        await Channel.SayAsync(alice, "declare Checkout failing sev2 service=checkout-api runbook=service-release");
        IncidentId = await Bot.SingleIncidentAsync();
        RootId = await Bot.ThreadOfAsync(IncidentId);
        Assert.Equal(RootId, Assert.Single(Bot.Connector.Transcript.RootMessages(ChannelId)).ActivityId);

        await Channel.SayAsync(alice, "incident triage sev2 release", threadRootId: RootId);
        await ClickAsync(alice, $"/incident contain {IncidentId} rollback-release");
        AliceApproves = await ClickAsync(alice, $"/incident approve {IncidentId}");
        BobApproves = await ClickAsync(TeamsPeople.Bob, $"/incident approve {IncidentId}");
        await ClickAsync(alice, $"/incident recovered {IncidentId}");
        await ClickAsync(alice, $"/incident review {IncidentId}");
        await Channel.SayAsync(alice, "/incident learn Releases need an evaluation gate before rollout", threadRootId: RootId);
        // sev2 needs a follow-up with an owner before close: the review card's button, with the text typed in the card.
        await ClickAsync(alice, $"/incident followup {IncidentId}", "Snapshot evals before release owner=bob due=2026-12-20");
        var answer = $"/incident answer {IncidentId} 2";
        var sent = await Bot.Connector.Transcript.WaitForAsync(t => TeamsCards.Newest(t, answer) is not null, Within, $"a card with '{answer}'");
        ReviewCard = TeamsCards.CardOf(TeamsCards.Newest(sent, answer)!.Value.Message.Activity)!;
        AliceAnswers = await ClickAsync(alice, answer, "Detected by an agent 40 minutes after the snapshot");
        await ClickAsync(alice, $"/incident close {IncidentId}");

        // Everything is committed now; wait until Teams has every reply those commits asked for.
        Notifications = [.. (await Bot.NotificationsAsync(Surfaces.Teams)).Where(n => n.Stream == IncidentId)];
        var replies = Notifications.Count(n => OutboxDrafts.Read<Notification>(n).Card is not null);
        await Bot.Connector.Transcript.WaitForAsync(_ => Bot.Connector.Transcript.RepliesTo(RootId).Count >= replies, Within, $"{replies} replies under the root");
    }

    public async Task DisposeAsync()
    {
        if (Bot is not null) await Bot.DisposeAsync();
    }

    /// <summary>Clicks the button whose command starts with <paramref name="commandPrefix"/> on the newest message the
    /// bot sent that has one (waiting for it to arrive).</summary>
    private async Task<InvokeAnswer> ClickAsync(TeamsPerson who, string commandPrefix, string? typed = null)
    {
        var calls = await Bot.Connector.Transcript.WaitForAsync(t => TeamsCards.Newest(t, commandPrefix) is not null, Within, $"a card with '{commandPrefix}'");
        var (message, execute) = TeamsCards.Newest(calls, commandPrefix)!.Value;
        return await Channel.ClickAsync(who, message, execute, typed);
    }

    private async Task RecordChangeAsync(string version, TimeSpan ago)
    {
        using var response = await Bot.Http.PostAsJsonAsync("api/changes", new
        {
            service = "checkout-api", layer = "release", version, deployedBy = "dana",
            deployedUtc = DateTimeOffset.UtcNow - ago, approved = true, note = "",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Every Adaptive Card the bot sent: in messages posted or updated, and in invoke answers.</summary>
    public IEnumerable<(string Where, JsonObject Card)> AllCards() =>
        Bot.Connector.Transcript.Calls.Select(c => ($"{c.Kind} {c.ActivityId}", TeamsCards.CardOf(c.Activity)))
            .Concat(Channel.Answers.Select(a => ($"answer to {a.Command}", a.Card)))
            .Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));
}
