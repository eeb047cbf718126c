using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Commands;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Execution;

/// <summary>The runner executes the steps of the current containment and reports the result as the bot.</summary>
public sealed class ContainmentRunnerTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task RunAsync_StepKindWithoutExecutor_ReportsExecutionFailedNamingTheStep()
    {
        var id = (await h.SendAsync("alice", "/incident declare Switch sev2 service=webhooked runbook=test-webhook")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} flip-flag");
        await h.SendAsync("bob", $"/incident approve {id}");
        var runner = new ContainmentRunner(h.Engine, [new BaselineExecutor(h.Changes, h.Clock), new ManualExecutor()]);

        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.ExecutionFailed, incident.State);
        var payloads = (await h.EventsAsync(id)).Select(GovernanceTests.Payload).ToList();
        var failed = Assert.Single(payloads.OfType<ExecutionFailed>());
        Assert.Equal("call-switch", failed.StepId);
        Assert.Contains("'http'", failed.Error, StringComparison.Ordinal);
        Assert.Equal([true, false], payloads.OfType<StepCompleted>().Select(s => s.Succeeded));
        Assert.Equal("system", (await h.EventsAsync(id))[^1].Actor);
    }

    [Fact]
    public async Task RunAsync_ResultCannotBeRecorded_ThrowsSoTheOutboxRetries()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);
        var contended = new ContendedStore(h.Store) { ConflictsLeft = 3 };
        var engine = new IncidentEngine(contended, h.Store, h.Store, h.Store, h.Changes, new PinnedRunbooks(h.Catalog, h.Store), h.People, new EngineOptions(), h.Clock);
        var runner = new ContainmentRunner(engine, [new BaselineExecutor(h.Changes, h.Clock), new ManualExecutor()]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None));
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RunAsync_ApprovedRollback_SucceedsAndMovesToVerifying()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);
        var runner = new ContainmentRunner(h.Engine, [new BaselineExecutor(h.Changes, h.Clock), new ManualExecutor()]);

        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
        Assert.Single((await h.EventsAsync(id)).Select(GovernanceTests.Payload).OfType<ExecutionSucceeded>());
        Assert.Equal("v41", (await h.Changes.CurrentAsync("assistant", "prompt", CancellationToken.None))!.Version);
    }
}
