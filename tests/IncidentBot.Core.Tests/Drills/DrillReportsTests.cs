using IncidentBot.Core.Drills;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Metrics;

namespace IncidentBot.Core.Tests.Drills;

/// <summary>The drill report from hand-built drill streams: the same milestones as the metrics, approvers in order,
/// and one line for each thing that failed.</summary>
public sealed class DrillReportsTests
{
    private static IncidentDeclared Drill(string service = "checkout") =>
        new("Drill: Roll back", null, service, "rollback", "hash", "rollback@1", "alice", "console", null, Drill: true);

    private static ContainmentChosen Chosen(int attempt, string option = "rollback-model", int approvals = 2) =>
        new(attempt, option, "Roll back", ContainmentKind.Rollback, "model", approvals, ["approvers"], false, "v2", "v1");

    [Fact]
    public void Build_DrillWithEveryKindOfFailure_ListsThemInOrderWithApproversAndTimes()
    {
        // Arrange
        var events = new StreamBuilder("INC-4")
            .At(0, "alice", Drill())
            .At(30, "alice", new IncidentTriaged(Severity.Sev2, ["model"]))
            .At(40, "alice", Chosen(1, "pause-traffic", approvals: 1))
            .At(100, "system", new ApprovalExpired(1, "pause-traffic"))
            .At(110, "alice", Chosen(2))
            .At(130, "bob", new ApprovalGranted(2, "rollback-model", "", false))
            .At(170, "carol", new ApprovalGranted(2, "rollback-model", "", false))
            .At(180, "system", new StepStarted(2, 0, "deploy-previous", "http", false))
            .At(181, "system", new ExecutionFailed(2, "rollback-model", "deploy-previous", "The bot stopped during step 1 (deploy-previous).", 0))
            .At(200, "alice", new ExecutionRetried(2, 0, "checked"))
            .At(210, "system", new StepCompleted(2, 0, "deploy-previous", "http", false, "-> 503", null, null))
            .At(210, "system", new ExecutionFailed(2, "rollback-model", "deploy-previous", "-> 503"))
            .At(220, "alice", new ExecutionRetried(2, 0, "again"))
            .At(230, "system", new StepCompleted(2, 0, "deploy-previous", "http", true, "-> 200", "v2", "v1"))
            .At(230, "system", new ExecutionSucceeded(2, "rollback-model", "1 step"))
            .At(300, "system", new VerificationInconclusive("error-rate", "no data"))
            .At(320, "alice", new ExecutionRetried(2, 0, "verify again"))
            .At(330, "system", new ExecutionSucceeded(2, "rollback-model", "1 step"))
            .At(400, "system", new VerificationFailed("error-rate", "error_rate = 0.2"))
            .At(500, "alice", new RecoveryConfirmed("fine now"))
            .Events;

        // Act
        var report = DrillReports.Build("INC-4", events);

        // Assert
        Assert.NotNull(report);
        Assert.Equal(("INC-4", "checkout", "rollback", Severity.Sev2), (report.IncidentId, report.Service, report.RunbookId, report.Severity));
        Assert.Equal(StreamBuilder.Start, report.DeclaredUtc);
        Assert.Equal(TimeSpan.FromSeconds(30), report.ToTriage);
        Assert.Equal(TimeSpan.FromSeconds(60), report.ToApprove);
        Assert.Equal(TimeSpan.FromSeconds(230), report.ToMitigate);
        Assert.Equal(["bob", "carol"], report.Approvers);
        Assert.Equal(
        [
            "pause-traffic approval expired (attempt 1)",
            "rollback-model step deploy-previous interrupted: The bot stopped during step 1 (deploy-previous).",
            "rollback-model step deploy-previous: -> 503",
            "rollback-model check error-rate inconclusive: no data",
            "rollback-model check error-rate failed: error_rate = 0.2",
        ], report.Failures);
    }

    [Fact]
    public void Build_DrillJustStarted_HasNoTimesApproversOrFailures()
    {
        // Act
        var report = DrillReports.Build("INC-1", new StreamBuilder("INC-1").At(0, "alice", Drill()).Events);

        // Assert
        Assert.NotNull(report);
        Assert.Equal(IncidentState.Triage, report.State);
        Assert.Null(report.Severity);
        Assert.Equal((null, null, null, null), (report.ToTriage, report.ToApprove, report.ToMitigate, report.ToRecover));
        Assert.False(report.Recovered);
        Assert.Empty(report.Approvers);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void Build_RealIncidentOrNoDeclaration_IsNull()
    {
        // Arrange
        var real = new StreamBuilder("INC-2").At(0, "alice", Drill() with { Drill = null }).Events;
        var headless = new StreamBuilder("INC-3").At(0, "alice", new NoteAdded("hi")).Events;

        // Act + Assert
        Assert.Null(DrillReports.Build("INC-2", real));
        Assert.Null(DrillReports.Build("INC-3", headless));
        Assert.Null(DrillReports.Build("INC-3", []));
    }
}
