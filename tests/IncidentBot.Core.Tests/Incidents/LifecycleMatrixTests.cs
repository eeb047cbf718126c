using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using Ev = IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;
using static IncidentBot.Core.Incidents.IncidentState;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>Every trigger fired in every state, through the engine, by someone allowed to fire it: legal moves land
/// where this hand-written table says; illegal ones change neither state nor version and are recorded as refusals.</summary>
public sealed class LifecycleMatrixTests
{
    // The expected outcome of each legal (state, trigger) for a sev2 incident; anything not listed must be refused.
    private static readonly Dictionary<(IncidentState, Trigger), IncidentState> Legal = new()
    {
        [(Triage, Trigger.Triage)] = ContainmentChoice,
        [(ContainmentChoice, Trigger.Triage)] = ContainmentChoice,
        [(ContainmentChoice, Trigger.ChooseContainment)] = AwaitingApproval,
        [(ContainmentChoice, Trigger.BreakGlass)] = Executing,
        [(ContainmentChoice, Trigger.ConfirmRecovered)] = Recovered,
        [(AwaitingApproval, Trigger.Triage)] = AwaitingApproval,
        [(AwaitingApproval, Trigger.Approve)] = Executing,
        [(AwaitingApproval, Trigger.Reject)] = ContainmentChoice,
        [(Executing, Trigger.Triage)] = Executing,
        [(Executing, Trigger.ExecutionSucceeded)] = Verifying,
        [(Executing, Trigger.ExecutionFailed)] = ExecutionFailed,
        [(ExecutionFailed, Trigger.Triage)] = ExecutionFailed,
        [(ExecutionFailed, Trigger.ChooseContainment)] = AwaitingApproval,
        [(ExecutionFailed, Trigger.BreakGlass)] = Executing,
        [(ExecutionFailed, Trigger.ConfirmRecovered)] = Recovered,
        [(Verifying, Trigger.Triage)] = Verifying,
        [(Verifying, Trigger.VerificationPassed)] = Recovered,
        [(Verifying, Trigger.VerificationFailed)] = VerificationFailed,
        [(Verifying, Trigger.VerificationInconclusive)] = Verifying,
        [(Verifying, Trigger.ConfirmRecovered)] = Recovered,
        [(VerificationFailed, Trigger.Triage)] = VerificationFailed,
        [(VerificationFailed, Trigger.ChooseContainment)] = AwaitingApproval,
        [(VerificationFailed, Trigger.BreakGlass)] = Executing,
        [(VerificationFailed, Trigger.ConfirmRecovered)] = Recovered,
        [(Recovered, Trigger.Triage)] = Recovered,
        [(Recovered, Trigger.StartReview)] = InReview,
        [(InReview, Trigger.Triage)] = InReview,
        [(InReview, Trigger.RecordLearning)] = InReview,
        [(InReview, Trigger.AddFollowUp)] = InReview,
        [(InReview, Trigger.RecordFactor)] = InReview,
        [(InReview, Trigger.AnswerQuestion)] = InReview,
        [(InReview, Trigger.Close)] = Closed,
        [(AwaitingApproval, Trigger.ApprovalExpired)] = ContainmentChoice,
        [(ExecutionFailed, Trigger.RetryExecution)] = Executing,
        [(AwaitingApproval, Trigger.Progress)] = AwaitingApproval,
        [(Executing, Trigger.Progress)] = Executing,
        [(Verifying, Trigger.Progress)] = Verifying,
        [(InReview, Trigger.Progress)] = InReview,
        [(Closed, Trigger.Note)] = Closed,
        [(Cancelled, Trigger.Note)] = Cancelled,
    };

    public static TheoryData<IncidentState, Trigger> AllPairs()
    {
        var data = new TheoryData<IncidentState, Trigger>();
        foreach (var s in Enum.GetValues<IncidentState>())
            foreach (var t in Enum.GetValues<Trigger>()) data.Add(s, t);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task Fire_EveryTriggerInEveryState_LandsOrIsRefusedAndRecorded(IncidentState state, Trigger trigger)
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(state);
        var before = await h.LoadAsync(id);
        var eventsBefore = (await h.EventsAsync(id)).Count;
        var expected = ExpectedTarget(state, trigger);

        // Act
        var result = await FireAsync(h, id, trigger);

        // Assert
        var after = await h.LoadAsync(id);
        var events = await h.EventsAsync(id);
        if (expected is { } target)
        {
            Assert.Equal(CommandOutcome.Applied, result.Outcome);
            Assert.Equal(target, after.State);
            Assert.True(after.Version > before.Version);
        }
        else
        {
            Assert.Equal(CommandOutcome.Refused, result.Outcome);
            Assert.Equal(state, after.State);
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(eventsBefore + 1, events.Count);
            var refusal = Assert.IsType<Ev.CommandRefused>(Ev.EventCodec.Deserialize(events[^1].Type, events[^1].PayloadJson));
            Assert.False(string.IsNullOrWhiteSpace(refusal.Reason));
            // In the user's words: never the engine's trigger or state names.
            Assert.DoesNotContain($"'{trigger}'", refusal.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain($"is in {state}.", refusal.Reason, StringComparison.Ordinal);
        }
    }

    private static IncidentState? ExpectedTarget(IncidentState state, Trigger trigger)
    {
        if (Legal.TryGetValue((state, trigger), out var target)) return target;
        var open = state is not (Closed or Cancelled);
        return trigger switch
        {
            Trigger.Cancel when open => Cancelled,
            Trigger.AssignRole when open => state,
            Trigger.Note => state,
            _ => null,
        };
    }

    private static Task<CommandResult> FireAsync(EngineHarness h, string id, Trigger trigger) => trigger switch
    {
        Trigger.Declare => h.SendAsync("alice", $"/incident declare {id} Another title"),
        Trigger.Triage => h.SendAsync("alice", $"/incident triage {id} sev2 prompt retrieval"),
        Trigger.ChooseContainment => h.SendAsync("alice", $"/incident contain {id} manual-fallback"),
        Trigger.BreakGlass => h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass"),
        Trigger.Approve => h.SendAsync("carol", $"/incident approve {id} looks right"),
        Trigger.Reject => h.SendAsync("carol", $"/incident reject {id} too risky"),
        Trigger.ExecutionSucceeded => h.ReportAsync(id, trigger, new Ev.ExecutionSucceeded(1, "rollback-prompt", "done")),
        Trigger.ExecutionFailed => h.ReportAsync(id, trigger, new Ev.ExecutionFailed(1, "rollback-prompt", "move-back", "boom")),
        Trigger.VerificationPassed => h.ReportAsync(id, trigger, new Ev.VerificationPassed("all checks passed")),
        Trigger.VerificationFailed => h.ReportAsync(id, trigger, new Ev.VerificationFailed("quality", "still bad")),
        Trigger.VerificationInconclusive => h.ReportAsync(id, trigger, new Ev.VerificationInconclusive("quality", "no data")),
        Trigger.ConfirmRecovered => h.SendAsync("alice", $"/incident recovered {id} quality back to normal"),
        Trigger.StartReview => h.SendAsync("alice", $"/incident review {id}"),
        Trigger.RecordLearning => h.SendAsync("alice", $"/incident learn {id} gate prompt changes on evals"),
        Trigger.AddFollowUp => h.SendAsync("alice", $"/incident followup {id} add refund eval set"),
        Trigger.RecordFactor => h.SendAsync("alice", $"/incident factor {id} no eval gate on prompt releases"),
        Trigger.AnswerQuestion => h.SendAsync("alice", $"/incident answer {id} 1 a prompt change, approved by carol"),
        Trigger.Close => h.SendAsync("alice", $"/incident close {id}"),
        Trigger.Cancel => h.SendAsync("alice", $"/incident cancel {id} duplicate"),
        Trigger.Note => h.SendAsync("bob", $"/incident note {id} customers notified"),
        Trigger.AssignRole => h.SendAsync("alice", $"/incident assign {id} scribe bob"),
        Trigger.LiftControl => h.SendAsync("alice", $"/incident lift {id} manual-fallback"),
        Trigger.RetryExecution => h.SendAsync("alice", $"/incident retry {id} deploy API is back"),
        Trigger.ContinueExecution => h.SendAsync("alice", $"/incident continue {id} done by hand"),
        Trigger.ApprovalExpired => h.ReportAsync(id, trigger, new Ev.ApprovalExpired(1, "rollback-prompt")),
        Trigger.Progress => h.ReportAsync(id, trigger, new Ev.StepStarted(1, 0, "move-back", "baseline", true)),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
    };
}
