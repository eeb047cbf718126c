using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Execution;

/// <summary>The baseline step moves a layer back by recording the target version as live, once.</summary>
public sealed class BaselineExecutorTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task ExecuteAsync_ApprovedRollback_RecordsTargetAsLiveDeployedByTheBot()
    {
        var context = await ExecutingContextAsync();
        var executor = new BaselineExecutor(h.Changes, h.Clock);

        var outcome = await executor.ExecuteAsync(context, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal(("v42", "v41"), (outcome.FromVersion, outcome.ToVersion));
        var live = (await h.Changes.CurrentAsync("assistant", "prompt", CancellationToken.None))!;
        Assert.Equal(("v41", true), (live.Version, live.Approved));
        Assert.Equal($"incidentbot ({context.Incident.Id})", live.DeployedBy);
        Assert.Equal(3, (await h.EventsAsync(Evidence.Streams.Changes)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_RunTwice_RecordsOnceAndSucceedsBothTimes()
    {
        var context = await ExecutingContextAsync();
        var executor = new BaselineExecutor(h.Changes, h.Clock);

        var first = await executor.ExecuteAsync(context, CancellationToken.None);
        var second = await executor.ExecuteAsync(context, CancellationToken.None);

        Assert.True(first.Succeeded && second.Succeeded, second.Summary);
        Assert.Contains("from v42 to v41 (the change log already records it)", second.Summary, StringComparison.Ordinal);
        Assert.Equal(3, (await h.EventsAsync(Evidence.Streams.Changes)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_DeploySystemRecordedThisRollback_SaysRolledBackAndRecordsNothing()
    {
        // Arrange: the step before (an http deploy) made its deploy system record the rollback as the bot's.
        var context = await ExecutingContextAsync();
        await h.Changes.RecordAsync(new Core.Changes.ChangeRecord("assistant", "prompt", "v41", $"incidentbot ({context.Incident.Id})", h.Clock.GetUtcNow(), true, ""),
            "practice", Evidence.Surfaces.Api, CancellationToken.None);

        // Act
        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(context, CancellationToken.None);

        // Assert
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("Rolled back prompt of assistant from v42 to v41 (the change log already records it).", outcome.Summary);
        Assert.Equal(3, (await h.EventsAsync(Evidence.Streams.Changes)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_SomeoneElseAlreadyDeployedTheTarget_SaysAlreadyThere()
    {
        var context = await ExecutingContextAsync();
        await h.Changes.RecordAsync(new Core.Changes.ChangeRecord("assistant", "prompt", "v41", "dana", h.Clock.GetUtcNow(), true, ""),
            "api", Evidence.Surfaces.Api, CancellationToken.None);

        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(context, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("prompt of assistant is already at v41.", outcome.Summary);
    }

    [Fact]
    public async Task ExecuteAsync_LayerMovedSinceApproval_FailsWithoutRecording()
    {
        var context = await ExecutingContextAsync();
        await h.Changes.RecordAsync(new Core.Changes.ChangeRecord("assistant", "prompt", "v43", "dana", h.Clock.GetUtcNow(), true, ""),
            "api", Evidence.Surfaces.Api, CancellationToken.None);

        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(context, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("is at v43, not v42", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal("v43", (await h.Changes.CurrentAsync("assistant", "prompt", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_LiveVersionStampedAheadOfTheBotsClock_RollbackStillBecomesLive()
    {
        // The deploy system's clock runs two minutes ahead of the bot's: v42 is stamped "in the future".
        await h.Changes.RecordAsync(new Core.Changes.ChangeRecord("assistant", "prompt", "v41", "dana", EngineHarness.Start.AddHours(-3), true, ""), "api", Evidence.Surfaces.Api, CancellationToken.None);
        await h.Changes.RecordAsync(new Core.Changes.ChangeRecord("assistant", "prompt", "v42", "dana", EngineHarness.Start.AddMinutes(2), true, ""), "api", Evidence.Surfaces.Api, CancellationToken.None);
        var id = (await h.SendAsync("alice", "/incident declare Drift sev2 service=assistant runbook=test-drift")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");
        await h.SendAsync("bob", $"/incident approve {id}");
        var incident = await h.LoadAsync(id);
        var option = h.Runbook.FindOption("rollback-prompt")!;
        var context = new StepContext(incident, incident.Current!, option, option.Steps[0], 0);
        var executor = new BaselineExecutor(h.Changes, h.Clock);

        var first = await executor.ExecuteAsync(context, CancellationToken.None);
        var second = await executor.ExecuteAsync(context, CancellationToken.None);

        Assert.True(first.Succeeded && second.Succeeded, second.Summary);
        Assert.Equal("v41", (await h.Changes.CurrentAsync("assistant", "prompt", CancellationToken.None))!.Version);
        Assert.Equal(3, (await h.EventsAsync(Evidence.Streams.Changes)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_Drill_RecordsNothingAndSaysWhatARealRollbackWouldRecord()
    {
        // Arrange: a drill of the same runbook on the same service, approved and executing.
        await h.SeedPromptHistoryAsync();
        var id = (await h.SendAsync("alice", "/incident drill test-drift sev2 service=assistant")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2 prompt");
        await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");
        await h.SendAsync("bob", $"/incident approve {id}");
        var incident = await h.LoadAsync(id);
        Assert.True(incident.IsDrill);
        var option = h.Runbook.FindOption("rollback-prompt")!;

        // Act
        var outcome = await new BaselineExecutor(h.Changes, h.Clock).ExecuteAsync(new StepContext(incident, incident.Current!, option, option.Steps[0], 0), CancellationToken.None);

        // Assert: the step succeeds (the drill goes on), production's change log still says v42 is live.
        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("Drill: the change log is left as it is; a real rollback would record prompt of assistant back at v41 from v42.", outcome.Summary);
        Assert.Equal("v42", (await h.Changes.CurrentAsync("assistant", "prompt", CancellationToken.None))!.Version);
        Assert.Equal(2, (await h.EventsAsync(Evidence.Streams.Changes)).Count);
    }

    private async Task<StepContext> ExecutingContextAsync()
    {
        var id = await h.DriveToAsync(IncidentState.Executing);
        var incident = await h.LoadAsync(id);
        var option = h.Runbook.FindOption("rollback-prompt")!;
        return new StepContext(incident, incident.Current!, option, option.Steps[0], 0);
    }
}
