using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Queries answer without writing; commands about incidents that do not exist write nothing.</summary>
public sealed class IncidentEngineTests
{
    private readonly EngineHarness h = new();

    [Theory]
    [InlineData("/incident approve INC-42")]
    [InlineData("/incident triage INC-42 sev1")]
    [InlineData("/incident status INC-42")]
    [InlineData("/incident contain INC-42")]
    [InlineData("/incident contain INC-42 rollback-prompt")]
    [InlineData("/incident export INC-42 md")]
    [InlineData("/incident changes INC-42")]
    [InlineData("/incident declare INC-42 Again")]
    public async Task HandleAsync_ExplicitIdOfMissingIncident_AnswersNoSuchIncidentAndWritesNothing(string text)
    {
        var id = await h.DriveToAsync(IncidentState.Triage);
        var before = await CountAllAsync();

        var result = await h.SendAsync("alice", text);

        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        Assert.Equal("No such incident", result.Replies[0].Card.Title);
        Assert.Contains("INC-42", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAllAsync());
        Assert.Empty(await h.EventsAsync("INC-42"));
        Assert.Equal(IncidentState.Triage, (await h.LoadAsync(id)).State);
    }

    [Theory]
    [InlineData("/incident declare Drift sev2 runbook=nope", "There is no runbook 'nope'")]
    [InlineData("/incident declare Drift sev2 service=billing", "No runbook applies to service 'billing'")]
    public async Task HandleAsync_DeclareWithoutUsableRunbook_AsksWhichAndWritesNothing(string text, string answer)
    {
        var result = await h.SendAsync("alice", text);

        Assert.Equal(("Which runbook?", CommandOutcome.Answered), (result.Replies[0].Card.Title, result.Outcome));
        Assert.Contains(answer, result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Contains("test-drift", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAllAsync());
    }

    [Fact]
    public async Task HandleAsync_DeclareForAServiceARunbookAppliesTo_PinsThatRunbook()
    {
        var result = await h.SendAsync("alice", "/incident declare Drift service=assistant");

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var incident = await h.LoadAsync(result.IncidentId!);
        Assert.Equal(("test-drift", h.Runbook.ContentHash, "alice"), (incident.RunbookId, incident.RunbookHash, incident.Commander));
    }

    [Fact]
    public async Task HandleAsync_NoIdAndNoThread_AsksWhichIncident()
    {
        await h.DriveToAsync(IncidentState.Triage);
        var before = await CountAllAsync();

        var result = await h.SendAsync("alice", "/incident approve");

        Assert.Equal(("Which incident?", CommandOutcome.Answered), (result.Replies[0].Card.Title, result.Outcome));
        Assert.Equal(before, await CountAllAsync());
    }

    [Theory]
    [InlineData("/incident status @", "@ · Assistant promises refunds")]
    [InlineData("/incident list", "Open incidents (1)")]
    [InlineData("/incident help", "IncidentBot commands")]
    [InlineData("/incident help approve", "Help: approve")]
    [InlineData("/incident help frobnicate", "Help")]
    [InlineData("/incident changes", "Changes (7 days)")]
    [InlineData("/incident changes assistant", "Changes to assistant (7 days)")]
    [InlineData("/incident changes @", "Changes to assistant (7 days)")]
    [InlineData("/incident contain @", "Containment options for @")]
    [InlineData("/incident frobnicate @", "Not understood")]
    public async Task HandleAsync_Query_AnswersWithoutWriting(string text, string title)
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);
        var before = await CountAllAsync();
        var outbox = h.Store.Outbox.Count;

        var result = await h.SendAsync("dave", text.Replace("@", id, StringComparison.Ordinal));

        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        Assert.Equal(title.Replace("@", id, StringComparison.Ordinal), result.Replies[0].Card.Title);
        Assert.Equal(before, await CountAllAsync());
        Assert.Equal(outbox, h.Store.Outbox.Count);
    }

    [Theory]
    [InlineData("/incident triage @ sev9", "Usage: /incident triage [INC-n] <severity> [layer…]")]
    [InlineData("/incident frobnicate @", "Unknown verb 'frobnicate'. Try /incident help.")]
    [InlineData("/incident aprove @", "Unknown verb 'aprove'. Did you mean approve?\nUsage: /incident approve [INC-n] [note] · more: /incident help approve")]
    public async Task HandleAsync_NotUnderstood_AnswersErrorAndUsageWithoutWriting(string text, string usage)
    {
        var id = await h.DriveToAsync(IncidentState.Triage);
        var before = await CountAllAsync();

        var result = await h.SendAsync("alice", text.Replace("@", id, StringComparison.Ordinal));

        Assert.Equal(("Not understood", CommandOutcome.Answered), (result.Replies[0].Card.Title, result.Outcome));
        Assert.Contains(usage, result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAllAsync());
    }

    [Fact]
    public async Task HandleAsync_HelpOfAMistypedVerb_SuggestsTheVerbAndItsUsage()
    {
        var result = await h.SendAsync("alice", "/incident help decalre");

        Assert.Equal("There is no verb 'decalre'. Did you mean declare?\nUsage: " + CommandHelp.UsageOf("declare"), result.Replies[0].Card.Text);
    }

    [Fact]
    public async Task HandleAsync_HelpApprove_ShowsItsUsage()
    {
        var result = await h.SendAsync("alice", "/incident help approve");

        Assert.Contains(CommandHelp.UsageOf("approve")!, result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ChangesOfService_ListsRecordedVersions()
    {
        await h.SeedPromptHistoryAsync();

        var result = await h.SendAsync("alice", "/incident changes assistant");

        Assert.Contains("prompt v42 by dana", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Contains("prompt v41 by dana", result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ContainWithoutOption_ListsTheRunbooksOptions()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var text = (await h.SendAsync("alice", $"/incident contain {id}")).Replies[0].Card.Text;

        Assert.Contains("rollback-prompt: Roll back the prompt (rollback · prompt · 1 approval(s) from approvers)", text, StringComparison.Ordinal);
        Assert.Contains("manual-fallback: Agents answer by hand (manual · workflow · 1 approval(s) from approvers) · break-glass allowed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ListAfterClose_OmitsTheClosedIncident()
    {
        var closed = await h.DriveToAsync(IncidentState.Closed);

        var result = await h.SendAsync("alice", "/incident list");

        Assert.Equal("Open incidents (0)", result.Replies[0].Card.Title);
        Assert.DoesNotContain(closed, result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md", "| # | Time (UTC) | Who | Via | What |")]
    [InlineData("json", "\"type\": \"IncidentDeclared\"")]
    [InlineData("csv", "seq,time,actor,surface,type,summary,hash")]
    public async Task HandleAsync_Export_ProducesTheTimelineInTheFormat(string format, string expected)
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        var events = await h.EventsAsync(id);

        var result = await h.SendAsync("alice", $"/incident export {id} {format}");

        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        var text = result.Replies[0].Card.Text;
        Assert.Contains(expected, text, StringComparison.Ordinal);
        var hashes = format == "md" ? [events[^1].Hash] : events.Select(e => e.Hash).ToList();
        Assert.All(hashes, hash => Assert.Contains(hash, text, StringComparison.Ordinal));
        Assert.Equal(events.Count, (await h.EventsAsync(id)).Count);
    }

    private async Task<int> CountAllAsync()
    {
        var n = 0;
        await foreach (var _ in h.Store.ReadAllAsync(CancellationToken.None)) n++;
        return n;
    }
}
