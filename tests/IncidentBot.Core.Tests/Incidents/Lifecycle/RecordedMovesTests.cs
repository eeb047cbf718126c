using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Incidents.Lifecycle;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>History never re-decides: every event that fires a trigger records the move it made, folding applies the
/// recorded move, and a rule changed later changes new decisions only. Events stored before moves were recorded are
/// folded as they always were.</summary>
public sealed class RecordedMovesTests
{
    // A stricter quorum rule than the bot's: every containment waits for one approval more than the runbook asks for.
    private static readonly LifecycleRules OneExtraApproval = LifecycleRules.Default with
    {
        QuorumReached = LifecycleRules.Default.QuorumReached with { Holds = i => i.ApprovalsMissing <= 0 },
        MoreApprovalsNeeded = LifecycleRules.Default.MoreApprovalsNeeded with { Holds = i => i.ApprovalsMissing > 0 },
    };

    [Theory]
    [InlineData(IncidentState.Closed)]
    [InlineData(IncidentState.VerificationFailed)]
    [InlineData(IncidentState.ExecutionFailed)]
    [InlineData(IncidentState.Cancelled)]
    public async Task Record_EveryEventThatFiresATrigger_CarriesTheMoveItMade(IncidentState end)
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(end);
        await h.SendAsync("alice", $"/incident note {id} written after the end");

        // Act
        var events = await h.EventsAsync(id);

        // Assert: the moves chain, each from the state the incident was in, to the state it was in after.
        var moving = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var payload = EventCodec.Deserialize(events[i].Type, events[i].PayloadJson)!;
            if (payload.Trigger is not { } trigger || trigger == Trigger.Declare || !payload.CountsAsChange) { Assert.Null(payload.Moved); continue; }
            var before = Incident.FromEvents(id, events.Take(i))!.State;
            var after = Incident.FromEvents(id, events.Take(i + 1))!.State;
            Assert.Equal(new StateChange(before, after), payload.Moved);
            Assert.Contains("\"moved\":{", events[i].PayloadJson, StringComparison.Ordinal);
            moving++;
        }
        Assert.True(moving >= 2);
        Assert.Equal(end, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Fold_QuorumRuleChangedAfterwards_PastIncidentKeepsItsState_NewDecisionFollowsTheNewRule()
    {
        // Arrange: approved by one person when one approval was the quorum, so it executed.
        var h = new EngineHarness();
        var past = await h.DriveToAsync(IncidentState.Executing);
        var pending = await h.DriveToAsync(IncidentState.AwaitingApproval);

        // Act: fold both with the stricter rule; decide a new approval on the pending one with it.
        var pastFolded = Incident.FromEvents(past, await h.EventsAsync(past), OneExtraApproval)!;
        var pendingFolded = Incident.FromEvents(pending, await h.EventsAsync(pending), OneExtraApproval)!;
        var bob = h.People.Find("bob")!;
        var decision = pendingFolded.Decide(new ApproveCommand("looks right"), new DecisionContext(bob, h.Runbook, h.People));
        var recorded = pendingFolded.Record(decision.Events.Single(), StandIn(pendingFolded, "bob"));

        // Assert: the past keeps what was decided; the new approval no longer completes the quorum.
        Assert.Equal(IncidentState.Executing, pastFolded.State);
        Assert.Equal(IncidentState.Executing, Incident.FromEvents(past, await h.EventsAsync(past))!.State);
        Assert.True(decision.Accepted);
        Assert.Equal(new StateChange(IncidentState.AwaitingApproval, IncidentState.AwaitingApproval), recorded.Moved);
        Assert.Equal(IncidentState.AwaitingApproval, pendingFolded.State);
    }

    [Fact]
    public async Task Fold_EventsStoredBeforeMovesWereRecorded_FoldAsTheyAlwaysDid()
    {
        // Arrange: the same histories written the old way, without "moved".
        var h = new EngineHarness();
        var cases = new List<(IncidentState State, IReadOnlyList<EvidenceEvent> Old)>();
        foreach (var state in Enum.GetValues<IncidentState>())
        {
            var id = await h.DriveToAsync(state);
            cases.Add((state, (await h.EventsAsync(id)).Select(WithoutMove).ToList()));
        }

        // Act / Assert: the upcaster decides each old event as the lifecycle always did, so every state is reached again.
        foreach (var (state, old) in cases)
        {
            Assert.DoesNotContain(old, e => e.PayloadJson.Contains("\"moved\"", StringComparison.Ordinal));
            Assert.Equal(state, Incident.FromEvents(old[0].Stream, old)!.State);
        }

        // Old events have no recorded move to keep, so for them alone a changed rule still decides: an old approval
        // folded under the stricter rule no longer executes. Recorded events are immune (the test above).
        var executing = cases.Single(c => c.State == IncidentState.Executing).Old;
        Assert.Equal(IncidentState.AwaitingApproval, Incident.FromEvents(executing[0].Stream, executing, OneExtraApproval)!.State);
    }

    [Fact]
    public async Task Fold_RunbookApprovalCountRaisedAfterwards_PastIncidentKeepsItsState_NewIncidentNeedsTheNewCount()
    {
        // Arrange: INC executed after one approval; then the runbook is edited to need two.
        var h = new EngineHarness();
        var past = await h.DriveToAsync(IncidentState.Executing);
        var edited = Path.Combine(Path.GetTempPath(), "ib-runbooks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(edited);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Support", "Runbooks")))
                File.Copy(file, Path.Combine(edited, Path.GetFileName(file)));
            var yaml = Path.Combine(edited, "test-drift.yaml");
            File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("version: \"1\"", "version: \"2\"", StringComparison.Ordinal)
                .Replace("      required: 1\n", "      required: 2\n", StringComparison.Ordinal));
            var loaded = RunbookCatalog.LoadDirectory(edited);
            Assert.Empty(loaded.Problems);
            var engine = new IncidentEngine(h.Store, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(loaded.Catalog, h.Store), h.People, new EngineOptions(), h.Clock);
            Task<CommandResult> Say(string who, string text) => engine.HandleAsync(new CommandEnvelope(Surfaces.Console, who, text), CancellationToken.None);

            // Act
            var pastNow = (await engine.LoadAsync(past, CancellationToken.None))!.Value.Incident;
            var fresh = (await Say("alice", "/incident declare Assistant promises refunds again sev2 service=assistant runbook=test-drift")).IncidentId!;
            await Say("alice", $"/incident triage {fresh} sev2 prompt");
            await Say("alice", $"/incident contain {fresh} rollback-prompt");
            await Say("bob", $"/incident approve {fresh}");
            var afterOne = (await engine.LoadAsync(fresh, CancellationToken.None))!.Value.Incident.State;
            await Say("carol", $"/incident approve {fresh}");
            var afterTwo = (await engine.LoadAsync(fresh, CancellationToken.None))!.Value.Incident.State;

            // Assert
            Assert.Equal(IncidentState.Executing, pastNow.State);
            Assert.Equal(IncidentState.AwaitingApproval, afterOne);
            Assert.Equal(IncidentState.Executing, afterTwo);
        }
        finally
        {
            Directory.Delete(edited, recursive: true);
        }
    }

    private static EvidenceEvent WithoutMove(EvidenceEvent e)
    {
        if (JsonNode.Parse(e.PayloadJson) is not JsonObject payload || !payload.Remove("moved")) return e;
        return e with { PayloadJson = payload.ToJsonString() };
    }

    private static EvidenceEvent StandIn(Incident incident, string actor) =>
        new(incident.Id, incident.LastSeq + 1, "", "", actor, Surfaces.Console, EngineHarness.Start.AddHours(1), "", incident.RunbookVersion, "", "");
}
