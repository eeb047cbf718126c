using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>Raising the severity while a containment waits for approval raises its quorum (sev1 needs 2 in the
/// test runbook); lowering it never relaxes a requirement already stated.</summary>
public sealed class SeverityRaisedDuringApprovalTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Approve_AfterSeverityRaisedToSev1_NeedsTheSev1Quorum()
    {
        // Arrange: chosen at sev2 (1 approval), then raised to sev1 (2 approvals).
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);
        await h.SendAsync("alice", $"/incident triage {id} sev1 prompt");

        // Act
        var first = await h.SendAsync("bob", $"/incident approve {id}");
        var afterFirst = await h.LoadAsync(id);
        var second = await h.SendAsync("carol", $"/incident approve {id}");

        // Assert
        Assert.Equal(CommandOutcome.Applied, first.Outcome);
        Assert.Equal(IncidentState.AwaitingApproval, afterFirst.State);
        Assert.Equal(2, afterFirst.Current!.RequiredApprovals);
        Assert.Equal(CommandOutcome.Applied, second.Outcome);
        Assert.Equal(IncidentState.Executing, (await h.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Triage_LoweredDuringApproval_KeepsTheStatedRequirement()
    {
        // Arrange: declared and chosen at sev1 (2 approvals).
        await h.SeedPromptHistoryAsync();
        var id = (await h.SendAsync("alice", "/incident declare Drift sev1 service=assistant runbook=test-drift")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev1 prompt");
        await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");

        // Act
        await h.SendAsync("alice", $"/incident triage {id} sev3");
        await h.SendAsync("bob", $"/incident approve {id}");

        // Assert
        var incident = await h.LoadAsync(id);
        Assert.Equal(IncidentState.AwaitingApproval, incident.State);
        Assert.Equal(1, incident.Current!.ApprovalsMissing);
    }
}
