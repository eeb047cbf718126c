using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Messages;

/// <summary>A card offers exactly the legal moves, as commands the grammar understands, with guards on the risky ones.</summary>
public sealed class IncidentCardsTests
{
    private readonly EngineHarness h = new();

    public static TheoryData<IncidentState, string[]> ExpectedButtons => new()
    {
        { IncidentState.Triage, ["SEV1", "SEV2 ✓", "SEV3", "SEV4", "Cancel incident"] },
        { IncidentState.ContainmentChoice, ["Roll back the prompt", "Agents answer by hand", "Cancel incident"] },
        { IncidentState.AwaitingApproval, ["Approve", "Reject", "Cancel incident"] },
        { IncidentState.Executing, ["Cancel incident"] },
        { IncidentState.ExecutionFailed, ["Roll back the prompt", "Agents answer by hand", "Retry", "Confirm recovered", "Cancel incident"] },
        { IncidentState.Verifying, ["Confirm recovered", "Cancel incident"] },
        { IncidentState.VerificationFailed, ["Roll back the prompt", "Agents answer by hand", "Confirm recovered", "Cancel incident"] },
        { IncidentState.Recovered, ["Start review", "Cancel incident"] },
        { IncidentState.InReview, ["Add learning", "Add contributing factor", "Add follow-up", "Answer Q1", "Close incident", "Cancel incident"] },
        { IncidentState.Closed, [] },
        { IncidentState.Cancelled, [] },
    };

    [Theory]
    [MemberData(nameof(ExpectedButtons))]
    public async Task Status_EachState_OffersExactlyThePermittedButtons(IncidentState state, string[] labels)
    {
        var card = await CardInAsync(state);

        Assert.Equal(labels.Order(StringComparer.Ordinal), card.Buttons.Select(b => b.Label).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExpectedButtons))]
    public async Task Status_EachButton_ParsesToItsVerbAndIncident(IncidentState state, string[] labels)
    {
        var card = await CardInAsync(state);

        Assert.Equal(labels.Length, card.Buttons.Count);
        foreach (var button in card.Buttons)
        {
            // Buttons with an input prompt get the person's text appended before they are sent.
            var parsed = CommandParser.Parse(button.Command + (button.InputPrompt is null ? "" : " typed reason"));
            Assert.True(parsed.Ok, $"{button.Label}: {parsed.Error}");
            Assert.Equal(card.IncidentId, parsed.Command!.IncidentId);
            Assert.Equal(VerbOf(button.Label), parsed.Command.Verb);
        }
    }

    [Theory]
    [InlineData(IncidentState.ContainmentChoice)]
    [InlineData(IncidentState.AwaitingApproval)]
    [InlineData(IncidentState.Verifying)]
    [InlineData(IncidentState.InReview)]
    public async Task Status_RiskyButtons_HaveAConfirmDialogAndTextButtonsAskForInput(IncidentState state)
    {
        var card = await CardInAsync(state);

        foreach (var button in card.Buttons)
        {
            var verb = VerbOf(button.Label);
            if (verb is "approve" or "contain" or "recovered" or "close")
                Assert.False(string.IsNullOrWhiteSpace(button.Confirm?.Text), $"{button.Label} needs a confirm dialog");
            if (verb is "reject" or "cancel" or "learn" or "factor" or "followup" or "answer")
                Assert.False(string.IsNullOrWhiteSpace(button.InputPrompt), $"{button.Label} needs an input prompt");
        }
    }

    [Fact]
    public async Task Status_ApproveOfARollback_ConfirmStatesTheVersionMove()
    {
        var card = await CardInAsync(IncidentState.AwaitingApproval);

        var approve = Assert.Single(card.Buttons, b => b.Label == "Approve");

        Assert.Contains("from v42 back to v41", approve.Confirm!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterBreakGlass_OffersApproveBreakGlassUntilApproved()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);
        await h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass");

        var pending = IncidentCards.Status(await h.LoadAsync(id), h.Runbook);
        await h.SendAsync("bob", $"/incident approve {id}");
        var approved = IncidentCards.Status(await h.LoadAsync(id), h.Runbook);

        Assert.Contains(pending.Buttons, b => b.Label == "Approve break-glass" && b.Confirm is not null);
        Assert.DoesNotContain(approved.Buttons, b => b.Label.StartsWith("Approve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_Key_IsIncidentAtVersion()
    {
        var card = await CardInAsync(IncidentState.AwaitingApproval);

        var incident = await h.LoadAsync(card.IncidentId!);

        Assert.Equal($"{incident.Id}@{incident.Version}", card.Key);
        Assert.Equal(3, incident.Version);
    }

    [Fact]
    public async Task Status_TriageWithChangesInTheWindow_PointsAtTheChangedLayersNewestFirstAndOffersATriageButtonEach()
    {
        var id = await h.DriveToAsync(IncidentState.Triage);
        var incident = await h.LoadAsync(id);
        var at = EngineHarness.Start;
        ChangeRecordAt[] changes = [new("memory", at.AddMinutes(-50), 1), new("prompt", at.AddMinutes(-40), 2), new("memory", at.AddMinutes(-10), 3)];

        var card = IncidentCards.Status(incident, h.Runbook, [.. changes.Select(c => c.Record)]);

        Assert.Contains("Layers that changed, newest first: memory, prompt.", card.Text, StringComparison.Ordinal);
        var layerButtons = card.Buttons.Where(b => b.Label.Contains(" · ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/incident triage {id} sev2 memory", $"/incident triage {id} sev2 prompt"], layerButtons.Select(b => b.Command));
        Assert.Equal(["SEV2 · memory", "SEV2 · prompt"], layerButtons.Select(b => b.Label));
        foreach (var button in layerButtons)
        {
            var parsed = Assert.IsType<TriageCommand>(CommandParser.Parse(button.Command).Command);
            Assert.Equal((Severity.Sev2, button.Label[7..]), (parsed.Severity, Assert.Single(parsed.Layers)));
        }
    }

    [Fact]
    public async Task Status_AfterTriage_NoLayerHintOrLayerButtons()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var card = IncidentCards.Status(await h.LoadAsync(id), h.Runbook, [new ChangeRecordAt("prompt", EngineHarness.Start, 1).Record]);

        Assert.DoesNotContain("Layers that changed", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Buttons, b => b.Command.StartsWith("/incident triage", StringComparison.Ordinal));
    }

    private sealed record ChangeRecordAt(string Layer, DateTimeOffset At, long Seq)
    {
        public Core.Changes.ChangeRecord Record => new("assistant", Layer, $"{Layer}-{Seq}", "dana", At, true, "", Seq);
    }

    private async Task<Card> CardInAsync(IncidentState state)
    {
        var id = await h.DriveToAsync(state);
        return IncidentCards.Status(await h.LoadAsync(id), h.Runbook);
    }

    private static string VerbOf(string label) => label switch
    {
        _ when label.StartsWith("SEV", StringComparison.Ordinal) => "triage",
        "Approve" or "Approve break-glass" => "approve",
        "Reject" => "reject",
        "Retry" => "retry",
        "Confirm recovered" => "recovered",
        "Start review" => "review",
        "Close incident" => "close",
        "Add learning" => "learn",
        "Add contributing factor" => "factor",
        "Add follow-up" => "followup",
        _ when label.StartsWith("Answer Q", StringComparison.Ordinal) => "answer",
        "Cancel incident" => "cancel",
        _ => "contain",
    };
}
