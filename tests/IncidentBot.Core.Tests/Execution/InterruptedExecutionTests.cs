using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Execution;

/// <summary>The bot died during a step: an idempotent step is simply run again; any other step is never re-run
/// silently — a person decides to retry it, continue after it, or fall back.</summary>
public sealed class InterruptedExecutionTests
{
    private readonly EngineHarness h = new();

    private async Task<string> ApprovedWebhookAsync()
    {
        var id = (await h.SendAsync("alice", "/incident declare Switch sev2 runbook=test-webhook")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} flip-flag");
        await h.SendAsync("bob", $"/incident approve {id}");
        return id;
    }

    /// <summary>What the runner leaves behind when the process dies inside step <paramref name="index"/>.</summary>
    private Task DiedDuringStepAsync(string id, int index, string stepId, string kind, bool idempotent) =>
        h.ReportAsync(id, Trigger.Progress, new StepStarted(1, index, stepId, kind, idempotent));

    [Fact]
    public async Task RunAsync_AfterDyingInANonIdempotentStep_StopsAndAsksAPerson()
    {
        var id = await ApprovedWebhookAsync();
        await h.ReportAsync(id, Trigger.Progress, new StepCompleted(1, 0, "announce", "manual", true, "done", null, null));
        await DiedDuringStepAsync(id, 1, "call-switch", "http", idempotent: false);
        var http = new ScriptedExecutor("http", true);

        await new ContainmentRunner(h.Engine, [new ManualExecutor(), http]).RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        var incident = await h.LoadAsync(id);
        Assert.Equal(0, http.Calls);
        Assert.Equal((IncidentState.ExecutionFailed, 1), (incident.State, incident.InterruptedStep));
        Assert.Contains(Trigger.RetryExecution, incident.PermittedTriggers);
        Assert.Contains(Trigger.ContinueExecution, incident.PermittedTriggers);
    }

    [Fact]
    public async Task Retry_AfterInterruption_RunsTheStepAgainOnce()
    {
        var id = await ApprovedWebhookAsync();
        await DiedDuringStepAsync(id, 0, "announce", "manual", idempotent: false);
        var http = new ScriptedExecutor("http", true);
        var runner = new ContainmentRunner(h.Engine, [new ManualExecutor(), http]);
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        var retry = await h.SendAsync("alice", $"/incident retry {id} checked: nothing was sent");
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(CommandOutcome.Applied, retry.Outcome);
        Assert.Equal(1, http.Calls);
        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Continue_AfterInterruption_SkipsTheStepDoneByHand()
    {
        var id = await ApprovedWebhookAsync();
        await h.ReportAsync(id, Trigger.Progress, new StepCompleted(1, 0, "announce", "manual", true, "done", null, null));
        await DiedDuringStepAsync(id, 1, "call-switch", "http", idempotent: false);
        var http = new ScriptedExecutor("http", true);
        var runner = new ContainmentRunner(h.Engine, [new ManualExecutor(), http]);
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        await h.SendAsync("alice", $"/incident continue {id} flipped it in the admin UI");
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(0, http.Calls);
        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task RunAsync_AfterDyingInAnIdempotentStep_RunsItAgain()
    {
        // test-drift's rollback step is `baseline`, idempotent by default: safe to repeat without asking.
        var id = await h.DriveToAsync(IncidentState.Executing);
        await DiedDuringStepAsync(id, 0, "move-back", "baseline", idempotent: true);
        var baseline = new ScriptedExecutor("baseline", true);

        await new ContainmentRunner(h.Engine, [baseline]).RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        Assert.Equal(1, baseline.Calls);
        Assert.Equal(IncidentState.Verifying, (await h.LoadAsync(id)).State);
    }
}
