using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>The engine folds each incident once and advances it by the events committed after it: what it keeps is
/// always what a fold of the whole stream gives, a copy is independent of its original, and events written by another
/// writer (a second engine on the same store) are caught before anything is decided on a stale incident.</summary>
public sealed class FoldedIncidentsTests
{
    public static TheoryData<IncidentState> Ends => new()
    {
        IncidentState.Triage, IncidentState.AwaitingApproval, IncidentState.Executing, IncidentState.ExecutionFailed,
        IncidentState.Verifying, IncidentState.VerificationFailed, IncidentState.InReview, IncidentState.Closed, IncidentState.Cancelled,
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public async Task Load_AfterCommandsAdvancedTheKeptIncident_EqualsAFoldOfTheWholeStream(IncidentState end)
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(end);
        await h.SendAsync("alice", $"/incident note {id} one more line");

        // Act
        var kept = await h.LoadAsync(id);

        // Assert
        Assert.Equal(Dump(Incident.FromEvents(id, await h.EventsAsync(id))!), Dump(kept));
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public async Task Copy_AdvancedByEachNextEvent_EqualsTheFoldOfThatPrefix_AndLeavesTheOriginalAsItWas(IncidentState end)
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(end);
        var events = await h.EventsAsync(id);

        for (var i = 1; i < events.Count; i++)
        {
            var original = Incident.FromEvents(id, events.Take(i))!;
            var before = Dump(original);

            // Act
            var copy = original.Copy();
            copy.Apply(events[i]);

            // Assert
            Assert.Equal(Dump(Incident.FromEvents(id, events.Take(i + 1))!), Dump(copy));
            Assert.Equal(before, Dump(original));
        }
    }

    [Fact]
    public async Task Decide_AnotherEngineWroteSince_CatchesUpBeforeDeciding()
    {
        // Arrange: two engines (two nodes) on one store; this one keeps the incident as it left it.
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);
        var other = new IncidentEngine(h.Store, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(h.Catalog, h.Store), h.People, new EngineOptions(), h.Clock);
        await other.HandleAsync(new CommandEnvelope(Surfaces.Console, "alice", $"/incident triage {id} sev2 prompt", null, "other-1"), CancellationToken.None);

        // Act: a containment is only accepted after triage, which only the other engine has seen.
        var result = await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var events = await h.EventsAsync(id);
        Assert.Equal(IncidentState.AwaitingApproval, Incident.FromEvents(id, events)!.State);
        Assert.Equal(Dump(Incident.FromEvents(id, events)!), Dump(await h.LoadAsync(id)));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Seq));
    }

    // Every public property, containments and review items included, so a field the copy forgot shows up here.
    private static string Dump(Incident incident)
    {
        var json = JsonSerializer.Serialize(incident);
        Assert.Contains("\"Containments\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"UpdatedUtc\":", json, StringComparison.Ordinal);
        return json;
    }
}
