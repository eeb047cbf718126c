using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Tests.Support;
using IncidentBot.TestSupport.AdaptiveCards;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Teams.Tests.EndToEnd;

/// <summary>
/// A whole incident in a Teams channel, declare to close, by two people (<see cref="TeamsWholeIncidentRun"/>, run once
/// for the class): one root card, every change a reply under it in commit order, the root kept current, alice's
/// approval of her own choice refused and recorded, every click answered the way Teams expects, every card within
/// Teams' rules, and no secret anywhere afterwards.
/// </summary>
[Collection(TeamsEndToEndCollection.Name)]
public sealed class TeamsWholeIncidentTests(TeamsWholeIncidentRun run) : IClassFixture<TeamsWholeIncidentRun>
{
    private const string ChannelId = TeamsWholeIncidentRun.ChannelId;

    [Fact]
    public async Task WholeIncident_TwoPeopleInAChannel_RunsFromDeclareToCloseWithEveryChangeInTheRootsReplyChain()
    {
        // Arrange
        var transcript = run.Bot.Connector.Transcript;
        var builder = new TeamsMessageBuilder();

        // Act
        var events = await run.Bot.EventsAsync(run.IncidentId);
        var engine = run.Bot.Services.GetRequiredService<IncidentEngine>();
        var current = (await engine.LoadAsync(run.IncidentId, CancellationToken.None))!.Value.Incident;
        var final = await engine.CardAsync(run.IncidentId, CancellationToken.None);

        // Assert: the incident went all the way, with bob's approval and the rollback of the release from kb-42 to kb-41.
        Assert.Equal(IncidentState.Closed, current.State);
        Assert.Contains(events, e => e.Type == "ApprovalGranted" && e.Actor == "bob" && e.Surface == Surfaces.Teams);
        Assert.Contains(events, e => e.Type == "StepCompleted" && e.PayloadJson.Contains("from kb-42 to kb-41", StringComparison.Ordinal));
        Assert.All(events.Where(e => e.Actor is "alice" or "bob"), e => Assert.Equal(Surfaces.Teams, e.Surface));
        // One root card in the channel, posted as a new message; nothing else posted outside its reply chain.
        var root = Assert.Single(transcript.Calls, c => c.Kind == ConnectorStandInCallKind.Send);
        Assert.Equal((ChannelId, run.RootId), (root.ConversationId, root.ActivityId));
        Assert.All(transcript.Calls, c => Assert.Equal(ChannelId, c.ConversationId));
        Assert.All(transcript.Calls.Where(c => c.Kind == ConnectorStandInCallKind.Reply), c => Assert.Equal(run.RootId, c.ReplyToId));
        // Every change committed for Teams was told once, under the root, in commit order.
        var expected = TeamsThread.ExpectedLines(run.Notifications, events, run.IncidentId);
        Assert.True(expected.Count >= 8, $"only {expected.Count} changes were committed");
        Assert.Equal(expected, TeamsThread.SaidLines(transcript.RepliesTo(run.RootId).Select(c => c.Activity), expected));
        // The root was updated in place to the final state.
        var lastUpdate = transcript.UpdatesOf(run.RootId)[^1];
        Assert.Equal(builder.Message(final!).ToJsonString(), lastUpdate.Activity.ToJsonString());
        Assert.Contains("Closed", lastUpdate.Activity["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        // ...and the closed root card carries the evidence seal, so the thread holds a copy people can check later.
        Assert.Matches("Evidence seal: [0-9a-f]{64}", lastUpdate.Activity.ToJsonString());
    }

    [Fact]
    public async Task WholeIncident_AliceApprovesTheRollbackSheChose_IsAnsweredWithAMessageAndRecordedAsRefused()
    {
        // Arrange
        var answer = run.AliceApproves;

        // Act
        var events = await run.Bot.EventsAsync(run.IncidentId);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(InvokeAnswer.MessageType, answer.Type);
        Assert.Contains("approve", answer.Message, StringComparison.OrdinalIgnoreCase);
        var refused = Assert.Single(events, e => e.Type == "CommandRefused");
        Assert.Equal(("alice", Surfaces.Teams), (refused.Actor, refused.Surface));
        Assert.Contains("approve", refused.PayloadJson, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Type == "ApprovalGranted" && e.Actor == "alice");
        Assert.Equal(InvokeAnswer.CardType, run.BobApproves.Type);
    }

    [Fact]
    public void WholeIncident_EveryClick_IsAnswered200WithTheUpdatedCardOrARefusalMessage()
    {
        // Arrange
        var answers = run.Channel.Answers;

        // Act
        var refusals = answers.Where(a => a.Type == InvokeAnswer.MessageType).ToList();

        // Assert: eight clicks; each answered HTTP 200 and statusCode 200; only alice's own approval is a message.
        Assert.Equal(8, answers.Count);
        Assert.All(answers, a => Assert.True(a is { Status: HttpStatusCode.OK, StatusCode: 200 }, a.ToString()));
        Assert.All(answers, a => Assert.True(a.Type is InvokeAnswer.CardType or InvokeAnswer.MessageType, a.ToString()));
        Assert.Same(run.AliceApproves, Assert.Single(refusals));
        Assert.All(answers.Where(a => a.Type == InvokeAnswer.CardType), a => Assert.Contains(run.IncidentId, a.Card!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void WholeIncident_EveryCardTheBotSent_KeepsTheAdaptiveCardRulesAndStaysUnder28KB()
    {
        // Arrange
        var cards = run.AllCards().ToList();

        // Act
        var problems = cards.SelectMany(c => AdaptiveCardRules.Check(c.Card).Select(p => $"{c.Where}: {p}"))
            .Concat(cards.Where(c => Encoding.UTF8.GetByteCount(c.Card.ToJsonString()) >= AdaptiveCardRules.MaxBytes).Select(c => $"{c.Where}: too large"))
            .Concat(run.Bot.Connector.Transcript.Calls.Where(c => Encoding.UTF8.GetByteCount(c.Activity.ToJsonString()) >= AdaptiveCardRules.MaxBytes)
                .Select(c => $"{c.Kind} {c.ActivityId}: the message is too large"))
            .ToList();

        // Assert: roots, replies, updates and invoke answers (at least one of each).
        Assert.True(cards.Count >= run.Bot.Connector.Transcript.Count + 5, $"{cards.Count} cards");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WholeIncident_ReviewCard_KeepsTheRulesAndItsAnswerButtonRecordsTheAnswerTyped()
    {
        // Arrange
        var answerButtons = TeamsCards.Executes(run.ReviewCard).Select(TeamsCards.Command)
            .Where(c => c.StartsWith($"/incident answer {run.IncidentId} ", StringComparison.Ordinal)).ToList();

        // Act
        var events = await run.Bot.EventsAsync(run.IncidentId);

        // Assert: the card as sent keeps every rule and asks each of the six questions; the click records the answer.
        Assert.Empty(AdaptiveCardRules.Check(run.ReviewCard));
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"/incident answer {run.IncidentId} {n}"), answerButtons);
        Assert.Contains("When did errors start, when did the alert fire, and when did a human start working on it?", run.ReviewCard.ToJsonString(), StringComparison.Ordinal);
        Assert.True(run.AliceAnswers is { Status: HttpStatusCode.OK, StatusCode: 200, Type: InvokeAnswer.CardType }, run.AliceAnswers.ToString());
        var answered = Assert.Single(events, e => e.Type == "QuestionAnswered");
        Assert.Equal(("alice", Surfaces.Teams), (answered.Actor, answered.Surface));
        var payload = System.Text.Json.Nodes.JsonNode.Parse(answered.PayloadJson)!;
        Assert.Equal(2, payload["number"]!.GetValue<int>());
        Assert.Equal("Detected by an agent 40 minutes after the snapshot", payload["text"]!.GetValue<string>());
        Assert.Contains(events, e => e.Type == "FollowUpAdded" && e.PayloadJson.Contains("\"owner\":\"bob\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WholeIncident_Afterwards_NoSecretInLogsEvidenceOrExports()
    {
        // Arrange: the app password, every access token the token endpoint issued, every inbound token (good or forged).
        var connector = run.Bot.Connector;
        Assert.NotEmpty(connector.IssuedTokens);
        Assert.NotEmpty(run.Bot.Tokens.Minted);
        var secrets = new[] { connector.AppPassword }.Concat(connector.IssuedTokens)
            .Concat(run.Bot.Tokens.Minted).Concat(run.Bot.Tokens.Minted.Select(t => t.Split('.')[2]).Where(s => s.Length > 0)).ToList();

        // Act
        var places = new Dictionary<string, string> { ["logs"] = run.Bot.Logs.AllText };
        places["evidence"] = string.Join('\n', (await run.Bot.AllEventsAsync()).Select(e =>
            $"{e.Stream} {e.Seq} {e.Type} {e.Actor} {e.Surface} {e.PayloadJson} {e.RunbookVersion} {e.Hash} {e.PrevHash}"));
        foreach (var format in new[] { "md", "json", "csv" })
            places["export " + format] = await run.Bot.Http.GetStringAsync($"api/incidents/{run.IncidentId}/timeline?format={format}");
        places["incident"] = await run.Bot.Http.GetStringAsync($"api/incidents/{run.IncidentId}");

        // Assert: each place has real content, and no secret.
        Assert.Contains("7201", places["logs"], StringComparison.Ordinal);
        Assert.All(places.Where(p => p.Key != "logs"), p => Assert.Contains("bob", p.Value, StringComparison.Ordinal));
        foreach (var (place, text) in places)
        {
            var leaked = secrets.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal));
            Assert.True(leaked is null, $"a secret appears in the {place}: {Describe(leaked, text)}");
        }
    }

    private static string Describe(string? secret, string text)
    {
        if (secret is null) return "";
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 120), Math.Min(text.Length - Math.Max(0, at - 120), 240 + secret.Length));
    }
}
