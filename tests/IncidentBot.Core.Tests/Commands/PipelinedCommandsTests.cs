using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Commands on one incident are pipelined: the next one decides on the state the queued one will commit and
/// queues its own append behind it, before that commit, so the store can commit both together; an append queued ahead
/// that is not committed never lets a command behind it land on a state that does not exist.</summary>
public sealed class PipelinedCommandsTests
{
    private static (IncidentEngine Engine, HeldStore Held) HeldEngine(EngineHarness h)
    {
        var held = new HeldStore(h.Store);
        return (new IncidentEngine(held, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(h.Catalog, h.Store), h.People,
            new EngineOptions(), h.Clock), held);
    }

    private static Task<CommandResult> Note(IncidentEngine engine, string id, string text) =>
        engine.HandleAsync(new CommandEnvelope(Surfaces.Console, "alice", $"/incident note {id} {text}", null, null), CancellationToken.None);

    [Fact]
    public async Task Note_WhileThePreviousIsStillBeingCommitted_IsQueuedBehindItOnItsResult()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);
        var (engine, held) = HeldEngine(h);
        long before = (await h.EventsAsync(id)).Count;

        // Act: the second note reaches the store while the first is still waiting for its commit.
        var first = Note(engine, id, "first");
        var firstAppend = await held.NextAsync();
        var second = Note(engine, id, "second");
        var secondAppend = await held.NextAsync();
        firstAppend.Release();
        var firstResult = await first;
        secondAppend.Release();
        var secondResult = await second;

        // Assert
        Assert.Equal(before, firstAppend.Request.ExpectedSeq);
        Assert.Equal(before + 1, secondAppend.Request.ExpectedSeq);
        Assert.Equal(CommandOutcome.Applied, firstResult.Outcome);
        Assert.Equal(CommandOutcome.Applied, secondResult.Outcome);
        var events = await h.EventsAsync(id);
        Assert.Equal(["first", "second"], events.Skip((int)before).Select(e => Assert.IsType<NoteAdded>(
            EventCodec.Deserialize(e.Type, e.PayloadJson)).Text));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Seq));
        Assert.Equal(events.Count, (await engine.LoadAsync(id, CancellationToken.None))!.Value.Incident.LastSeq);
    }

    [Fact]
    public async Task Note_QueuedBehindAnAppendThatFails_DecidesAgainOnWhatWasCommitted()
    {
        // Arrange
        var h = new EngineHarness();
        var id = await h.DriveToAsync(IncidentState.Triage);
        var (engine, held) = HeldEngine(h);
        long before = (await h.EventsAsync(id)).Count;
        var first = Note(engine, id, "lost");
        var firstAppend = await held.NextAsync();
        var second = Note(engine, id, "kept");
        var secondAppend = await held.NextAsync();

        // Act: the first append fails; the second was decided on a state that now never exists.
        firstAppend.Fail(new StoreUnavailableException("disk full"));
        var failure = await Record.ExceptionAsync(() => first);
        secondAppend.Release();
        var retried = await held.NextAsync();
        retried.Release();
        var secondResult = await second;

        // Assert
        Assert.IsType<StoreUnavailableException>(failure);
        Assert.Equal(before + 1, secondAppend.Request.ExpectedSeq);
        Assert.Equal(before, retried.Request.ExpectedSeq);
        Assert.Equal(CommandOutcome.Applied, secondResult.Outcome);
        var events = await h.EventsAsync(id);
        Assert.Equal(["kept"], events.Skip((int)before).Select(e => Assert.IsType<NoteAdded>(
            EventCodec.Deserialize(e.Type, e.PayloadJson)).Text));
        Assert.Equal(events.Count, (await engine.LoadAsync(id, CancellationToken.None))!.Value.Incident.LastSeq);
    }
}
