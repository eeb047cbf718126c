using IncidentBot.Core.Commands;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>Follow-ups with owners, and a close refused until the review holds what the runbook requires
/// (<c>test-review</c> requires, at sev2, 1 learning and 1 follow-up with an owner).</summary>
public sealed class ReviewRequirementTests
{
    [Fact]
    public async Task Followup_KnownOwnerAndDue_RecordsThemAndTimelineShowsThem()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview);

        // Act
        var result = await h.SendAsync("alice", $"/incident followup {id} add a refund eval owner=@bob due=2026-12-15");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var stored = (await h.EventsAsync(id)).Single(e => e.Type == nameof(FollowUpAdded));
        var added = EventCodec.Deserialize(stored.Type, stored.PayloadJson);
        Assert.Equal(new FollowUpAdded("add a refund eval", "bob", new DateOnly(2026, 12, 15)) { Moved = new(IncidentState.InReview, IncidentState.InReview) }, added);
        Assert.Equal("follow-up: add a refund eval (owner bob, due 2026-12-15)", TimelineText.Describe(added));
        Assert.Equal(1, (await h.LoadAsync(id)).FollowUpsWithOwner);
    }

    [Fact]
    public async Task Followup_UnknownOwner_IsRefusedNamingTheOwner()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview);

        // Act
        var result = await h.SendAsync("alice", $"/incident followup {id} add a refund eval owner=mallory");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("Follow-up owner 'mallory' is not a person in the governance configuration", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Empty((await h.LoadAsync(id)).FollowUps);
    }

    [Fact]
    public async Task FromEvents_OldFollowUpAddedWithoutOwner_FoldsAsFollowUpWithoutOwner()
    {
        // Arrange: the payload a follow-up was stored with before owners existed.
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview);
        var events = (await h.EventsAsync(id)).ToList();
        var last = events[^1];
        events.Add(last with { Seq = last.Seq + 1, EventId = "old-follow-up", Type = nameof(FollowUpAdded), PayloadJson = """{"text":"add an eval"}""" });

        // Act
        var incident = Incident.FromEvents(id, events)!;

        // Assert
        Assert.Equal(["add an eval"], incident.FollowUps);
        Assert.Equal(0, incident.FollowUpsWithOwner);
        Assert.Equal("follow-up: add an eval", TimelineText.Describe(EventCodec.Deserialize(nameof(FollowUpAdded), """{"text":"add an eval"}""")));
    }

    [Fact]
    public async Task Close_RequirementsNotMet_IsRefusedNamingWhatIsMissing()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview, "test-review");
        await h.SendAsync("alice", $"/incident followup {id} add a refund eval");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains($"{id} cannot close yet: sev2 needs 1 learning (has 0) and 1 follow-up with an owner (has 0).",
            result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.InReview, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Close_OnlyFollowUpMissing_NamesOnlyTheFollowUp()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview, "test-review");
        await h.SendAsync("alice", $"/incident learn {id} canary prompts");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains($"{id} cannot close yet: sev2 needs 1 follow-up with an owner (has 0).", result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_RequirementsMet_IsAccepted()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview, "test-review");
        await h.SendAsync("alice", $"/incident learn {id} canary prompts");
        await h.SendAsync("alice", $"/incident followup {id} add a refund eval owner=bob");

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal(IncidentState.Closed, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Close_RunbookWithoutRequirements_IsAcceptedOnAnEmptyReview()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.InReview);

        // Act
        var result = await h.SendAsync("alice", $"/incident close {id}");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
    }
}
