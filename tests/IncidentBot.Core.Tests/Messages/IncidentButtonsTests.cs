using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Messages;

/// <summary>The green button is the step the runbook expects next, a severity already given shows as chosen, and
/// calling an incident off asks twice.</summary>
public sealed class IncidentButtonsTests
{
    private readonly EngineHarness h = new();

    public static TheoryData<IncidentState, string?> ExpectedPrimary => new()
    {
        { IncidentState.Triage, "SEV2 ✓" },                          // declared sev2: confirming it is the next step
        { IncidentState.ContainmentChoice, "Roll back the prompt" },   // the first option on the triaged layer (prompt)
        { IncidentState.AwaitingApproval, "Approve" },
        { IncidentState.Executing, null },
        { IncidentState.ExecutionFailed, "Retry" },
        { IncidentState.Verifying, "Confirm recovered" },
        { IncidentState.VerificationFailed, null },                  // no other option on the prompt layer
        { IncidentState.Recovered, "Start review" },
        { IncidentState.Closed, null },
        { IncidentState.Cancelled, null },
    };

    [Theory]
    [MemberData(nameof(ExpectedPrimary))]
    public async Task Status_EachState_HasAtMostOnePrimaryButtonTheExpectedStep(IncidentState state, string? expected)
    {
        var card = await CardInAsync(state);

        var primary = card.Buttons.Where(b => b.Style == ButtonStyle.Primary).Select(b => b.Label).ToList();

        Assert.Equal(expected is null ? [] : [expected], primary);
    }

    [Fact]
    public async Task Status_TriageDeclaredWithoutSeverity_MarksNoSeverityAndPushesNone()
    {
        var id = (await h.SendAsync("alice", "/incident declare Assistant promises refunds service=assistant runbook=test-drift")).IncidentId!;

        var card = IncidentCards.Status(await h.LoadAsync(id), h.Runbook);

        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], card.Buttons.Where(b => b.Label.StartsWith("SEV", StringComparison.Ordinal)).Select(b => b.Label));
        Assert.DoesNotContain(card.Buttons, b => b.Style == ButtonStyle.Primary);
    }

    [Fact]
    public async Task Status_TriageDeclaredP1_ShowsSev1AsChosenAndPrimary()
    {
        var id = (await h.SendAsync("alice", "/incident declare Assistant promises refunds P1 service=assistant runbook=test-drift")).IncidentId!;

        var card = IncidentCards.Status(await h.LoadAsync(id), h.Runbook);

        var chosen = Assert.Single(card.Buttons, b => b.Style == ButtonStyle.Primary);
        Assert.Equal(("SEV1 ✓", $"/incident triage {id} sev1"), (chosen.Label, chosen.Command));
    }

    [Fact]
    public async Task Status_ContainmentChoiceBeforeAnyContainment_DoesNotOfferConfirmRecovered()
    {
        var card = await CardInAsync(IncidentState.ContainmentChoice);

        Assert.DoesNotContain(card.Buttons, b => b.Command.StartsWith("/incident recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_ContainmentChoiceAfterARejection_OffersConfirmRecoveredButNotAsPrimary()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        await h.SendAsync("bob", $"/incident reject {id} wrong version");

        var card = IncidentCards.Status(await h.LoadAsync(id), h.Runbook);

        var recovered = Assert.Single(card.Buttons, b => b.Label == "Confirm recovered");
        Assert.Equal(ButtonStyle.Default, recovered.Style);
        Assert.Equal("Roll back the prompt", Assert.Single(card.Buttons, b => b.Style == ButtonStyle.Primary).Label);
    }

    [Fact]
    public async Task Status_TypedRecoveredBeforeAnyContainment_StillWorksAsTheLifecycleAllows()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var result = await h.SendAsync("alice", $"/incident recovered {id} it recovered on its own");

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal(IncidentState.Recovered, (await h.LoadAsync(id)).State);
    }

    [Theory]
    [InlineData(IncidentState.Triage)]
    [InlineData(IncidentState.Verifying)]
    [InlineData(IncidentState.InReview)]
    public async Task Status_CancelIncident_AsksForConfirmationAndAReason(IncidentState state)
    {
        var card = await CardInAsync(state);

        var cancel = Assert.Single(card.Buttons, b => b.Label == "Cancel incident");

        Assert.Equal(ButtonStyle.Danger, cancel.Style);
        Assert.Equal($"Cancel {card.IncidentId}?", cancel.Confirm?.Title);
        Assert.Equal("Keep it open", cancel.Confirm!.DenyLabel);
        Assert.Equal("Why call it off?", cancel.InputPrompt);
        Assert.IsType<CancelCommand>(CommandParser.Parse(cancel.Command + " false alarm").Command);
    }

    private async Task<Card> CardInAsync(IncidentState state)
    {
        var id = await h.DriveToAsync(state);
        return IncidentCards.Status(await h.LoadAsync(id), h.Runbook);
    }
}
