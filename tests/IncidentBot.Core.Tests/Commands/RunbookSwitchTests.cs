using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary><c>triage … runbook=ID</c> moves an incident to another runbook, pinned by content hash, until a
/// containment is chosen.</summary>
public sealed class RunbookSwitchTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task HandleAsync_TriageWithRunbook_RecordsTheSwitchPinnedAndTheCardOffersTheNewOptions()
    {
        // Arrange
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;
        var target = h.Catalog.Find("test-verify")!;

        // Act
        var result = await h.SendAsync("alice", $"/incident triage {id} sev2 RUNBOOK=test-verify");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var incident = await h.LoadAsync(id);
        Assert.Equal(("test-verify", target.ContentHash, target.PinnedVersion), (incident.RunbookId, incident.RunbookHash, incident.RunbookVersion));
        var events = await h.EventsAsync(id);
        Assert.Equal(["RunbookChanged", "IncidentTriaged"], events.TakeLast(2).Select(e => e.Type));
        var changed = Assert.IsType<RunbookChanged>(EventCodec.Deserialize(events[^2].Type, events[^2].PayloadJson));
        Assert.Equal(("test-drift", h.Runbook.ContentHash, target.ContentHash), (changed.FromRunbookId, changed.FromRunbookHash, changed.RunbookHash));
        Assert.NotNull(await h.Store.GetRunbookTextAsync(target.ContentHash, CancellationToken.None));
        var card = result.Replies[0].Card;
        Assert.Contains("flip-flag", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback-prompt", card.Text, StringComparison.Ordinal);
        Assert.Contains(card.Buttons, b => b.Command.Contains("flip-flag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_ContainAfterTheSwitch_UsesTheNewRunbooksOptions()
    {
        // Arrange
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev3 runbook=test-verify");

        // Act
        var old = await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");
        var chosen = await h.SendAsync("alice", $"/incident contain {id} flip-flag");

        // Assert
        Assert.Equal((CommandOutcome.Refused, CommandOutcome.Applied), (old.Outcome, chosen.Outcome));
        Assert.Equal("flip-flag", (await h.LoadAsync(id)).Current!.OptionId);
    }

    [Fact]
    public async Task HandleAsync_TriageWithRunbookAfterAContainment_IsRefusedAndChangesNothing()
    {
        // Arrange
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        var before = await h.LoadAsync(id);

        // Act
        var result = await h.SendAsync("alice", $"/incident triage {id} sev1 runbook=test-verify");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("only change before a containment is chosen", result.Replies[0].Card.Text, StringComparison.Ordinal);
        var after = await h.LoadAsync(id);
        Assert.Equal((before.RunbookHash, before.Severity, before.Version), (after.RunbookHash, after.Severity, after.Version));
        Assert.DoesNotContain(await h.EventsAsync(id), e => e.Type == "RunbookChanged");
    }

    [Theory]
    [InlineData("runbook=nope", CommandOutcome.Refused, "There is no runbook 'nope'")]
    [InlineData("runbook=No_Such!", CommandOutcome.Answered, "is not a runbook id")]
    [InlineData("runbook=test-verify runbook=test-drift", CommandOutcome.Answered, "at most one runbook")]
    public async Task HandleAsync_TriageWithABadRunbook_SaysWhatIsWrongAndChangesNothing(string arg, CommandOutcome outcome, string answer)
    {
        // Arrange
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;

        // Act
        var result = await h.SendAsync("alice", $"/incident triage {id} sev2 {arg}");

        // Assert
        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(answer, result.Replies[0].Card.Text, StringComparison.Ordinal);
        var incident = await h.LoadAsync(id);
        Assert.Equal(("test-drift", IncidentState.Triage), (incident.RunbookId, incident.State));
    }

    [Fact]
    public void Parse_RunbookBeforeTheSeverity_IsAccepted()
    {
        // Act: a card button carries runbook= and the person types the severity after it.
        var parsed = CommandParser.Parse("/incident triage INC-3 runbook=test-verify sev2 prompt");

        // Assert
        var triage = Assert.IsType<TriageCommand>(parsed.Command);
        Assert.Equal((Severity.Sev2, "test-verify", "prompt"), (triage.Severity, triage.RunbookId, string.Join(",", triage.Layers)));
    }
}
