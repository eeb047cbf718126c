using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;
using IncidentBot.Core.Verification;

namespace IncidentBot.Core.Tests.Verification;

/// <summary>Automatic verification: every poll is evidence; passes in a row recover; failing past the window fails;
/// an undecidable check hands the decision to a person and stops polling.</summary>
public sealed class VerificationRunnerTests
{
    private readonly EngineHarness h = new();

    private async Task<string> ExecutedAsync()
    {
        var id = (await h.SendAsync("alice", "/incident declare Switch sev2 runbook=test-verify")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} flip-flag");
        await h.SendAsync("bob", $"/incident approve {id}");
        await new ContainmentRunner(h.Engine, [new ScriptedExecutor("http", true)]).RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
        return id;
    }

    private VerificationRunner Runner(ScriptedCheck check) => new(h.Engine, [check], new ExecutionSettings(), h.Clock);

    private int PollJobs(string id) => h.Store.Outbox.Count(o => o.Target == JobKind.Verify.Name && o.PayloadJson.Contains(id, StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_TwoPassesInARow_Recovers()
    {
        var id = await ExecutedAsync();
        var runner = Runner(new ScriptedCheck("http", CheckStatus.Pass));
        Assert.Equal(1, PollJobs(id)); // the first poll was scheduled with the execution result

        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        var afterOne = await h.LoadAsync(id);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(IncidentState.Verifying, afterOne.State);
        Assert.Equal(2, PollJobs(id)); // the second poll was scheduled with the first result
        Assert.Equal(IncidentState.Recovered, (await h.LoadAsync(id)).State);
        var polls = (await h.EventsAsync(id)).Where(e => e.Type == nameof(CheckPolled)).ToList();
        Assert.Equal(2, polls.Count);
    }

    [Fact]
    public async Task RunAsync_FailingPastTheWindow_FailsVerification()
    {
        var id = await ExecutedAsync();
        var runner = Runner(new ScriptedCheck("http", CheckStatus.Fail));

        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        var withinWindow = (await h.LoadAsync(id)).State;
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(IncidentState.Verifying, withinWindow);
        Assert.Equal(IncidentState.VerificationFailed, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RunAsync_Inconclusive_AsksAPersonAndStopsPolling()
    {
        var id = await ExecutedAsync();
        var runner = Runner(new ScriptedCheck("http", CheckStatus.Inconclusive));

        var result = (await h.EventsAsync(id)).Count;
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.Verifying, incident.State);
        Assert.Equal(nameof(VerificationInconclusive), (await h.EventsAsync(id))[^1].Type);
        Assert.Equal(1, PollJobs(id)); // no next poll
        Assert.Contains(Trigger.ConfirmRecovered, incident.PermittedTriggers);
        Assert.True((await h.EventsAsync(id)).Count > result);
    }

    [Fact]
    public async Task RunAsync_StaleJobAfterRecovery_DoesNothing()
    {
        var id = await ExecutedAsync();
        await h.SendAsync("alice", $"/incident recovered {id}");
        var before = (await h.EventsAsync(id)).Count;
        var check = new ScriptedCheck("http", CheckStatus.Pass);

        await Runner(check).RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(0, check.Polls);
        Assert.Equal(before, (await h.EventsAsync(id)).Count);
    }
}
