using IncidentBot.Core.Outbox;
using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Break-glass: only the commander, only where the runbook allows it, and approved after the fact before the incident can close.</summary>
public sealed class BreakGlassTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Contain_BreakGlassByNonCommander_IsRefused()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var result = await h.SendAsync("bob", $"/incident contain {id} manual-fallback break-glass");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("Only the incident commander (alice)", result.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(IncidentState.ContainmentChoice, (await h.LoadAsync(id)).State);
        Assert.Empty(h.Store.Outbox);
    }

    [Fact]
    public async Task Contain_BreakGlassAtSeverityTheOptionDoesNotAllow_IsRefused()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var result = await h.SendAsync("alice", $"/incident contain {id} rollback-prompt break-glass");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("does not allow break-glass", result.Replies[0].Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contain_BreakGlassByCommanderAtAllowedSeverity_ExecutesAndEnqueuesTheJob()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);

        var result = await h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass");

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.Executing, incident.State);
        Assert.True(incident.Current!.BreakGlass);
        Assert.Same(incident.Current, incident.PendingAfterTheFactApproval);
        var job = Assert.Single(h.Store.Outbox, o => o.Target == JobKind.Execute.Name);
        Assert.Equal(new ExecuteJob(id, 1), JsonSerializer.Deserialize<ExecuteJob>(job.PayloadJson, EventCodec.Options));
    }

    [Fact]
    public async Task Close_AfterBreakGlass_IsRefusedUntilAnApproverApprovesAfterTheFact()
    {
        var id = await h.DriveToAsync(IncidentState.ContainmentChoice);
        await h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass");
        await h.ReportAsync(id, Trigger.ExecutionSucceeded, new ExecutionSucceeded(1, "manual-fallback", "handed over"));
        await h.SendAsync("alice", $"/incident recovered {id}");
        await h.SendAsync("alice", $"/incident review {id}");

        var early = await h.SendAsync("alice", $"/incident close {id}");
        var selfApproval = await h.SendAsync("alice", $"/incident approve {id}");
        var approval = await h.SendAsync("bob", $"/incident approve {id} fine in hindsight");
        var late = await h.SendAsync("alice", $"/incident close {id}");

        Assert.Equal(CommandOutcome.Refused, early.Outcome);
        Assert.Contains("needs approval after the fact", early.Replies[0].Card.Text, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Refused, selfApproval.Outcome);
        Assert.Equal(CommandOutcome.Applied, approval.Outcome);
        Assert.Equal(CommandOutcome.Applied, late.Outcome);
        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.Closed, incident.State);
        var granted = (await h.EventsAsync(id)).Select(GovernanceTests.Payload).OfType<ApprovalGranted>().Single();
        Assert.True(granted.AfterTheFact);
    }
}
