using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;
using Ev = IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>A move the lifecycle does not allow now is refused in the user's words, and still recorded as evidence.</summary>
public sealed class RefusalTextTests
{
    [Fact]
    public async Task Decide_LearnDuringTriage_SaysWhenLearningsAreAddedAndWhereTheIncidentIs()
    {
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);

        var result = await h.SendAsync("alice", $"/incident learn {id} canary the prompt");

        var expected = $"Learnings are added during review; {id} is in triage.";
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(expected, result.Replies[0].Card.Text);
        var events = await h.EventsAsync(id);
        var refusal = Assert.IsType<Ev.CommandRefused>(Ev.EventCodec.Deserialize(events[^1].Type, events[^1].PayloadJson));
        Assert.Equal(expected, refusal.Reason);
    }

    [Fact]
    public async Task Decide_ApproveWithNothingAwaitingApproval_SaysWhenApprovalsAreGiven()
    {
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var result = await h.SendAsync("bob", $"/incident approve {id}");

        Assert.Equal("Approvals are given while a containment awaits approval, or after the fact for a break-glass one; " +
                     $"{id} is waiting for a containment to be chosen.", result.Replies[0].Card.Text);
    }

    [Fact]
    public async Task Decide_GuardThatDoesNotHold_GivesTheGuardsReasonInTheSameShape()
    {
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Verifying);

        var result = await h.SendAsync("bob", $"/incident approve {id}");

        Assert.Equal($"There is nothing to approve; {id} is verifying recovery.", result.Replies[0].Card.Text);
    }

    [Fact]
    public void WhenPossible_EveryTrigger_HasItsOwnSentenceWithoutEngineNames()
    {
        foreach (var trigger in Enum.GetValues<Trigger>())
        {
            var text = RefusalText.WhenPossible(trigger);

            Assert.NotEqual("That is not possible now", text);
            Assert.DoesNotContain(trigger.ToString() + "'", text, StringComparison.Ordinal);
            Assert.True(char.IsUpper(text[0]), text);
        }
    }

    [Fact]
    public void Where_EveryState_ReadsAsLowerCaseWords()
    {
        foreach (var state in Enum.GetValues<IncidentState>())
        {
            var text = RefusalText.Where(state);

            Assert.Equal(text.ToLowerInvariant(), text);
            Assert.DoesNotContain(state.ToString(), text, StringComparison.Ordinal);
        }
    }
}
