using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Metrics;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Metrics;

/// <summary>Response times measured from hand-built event streams, and their statistics asserted exactly.</summary>
public sealed class IncidentMetricsTests
{
    private static IncidentDeclared Declared(Severity? severity, string service, string commander) =>
        new("Checkout errors", severity, service, "rb", "hash", "rb@1", commander, "console", null);

    private static ContainmentChosen Chosen(int attempt, int approvals) =>
        new(attempt, "rollback-model", "Roll back", ContainmentKind.Rollback, "model", approvals, ["approvers"], false, "v2", "v1");

    [Fact]
    public void Measure_FullResponse_TimesEachStageFromItsEvents()
    {
        var stream = new StreamBuilder("INC-1")
            .At(0, "alice", Declared(Severity.Sev2, "checkout", "alice"))
            .At(30, "alice", new NoteAdded("looking"))                 // the declarer: not an acknowledgement
            .At(45, "dave", new CommandRefused("triage", "triage", "/incident triage", "not a responder")) // refused: not an action
            .At(60, "bob", new IncidentTriaged(Severity.Sev1, ["model"]))
            .At(100, "alice", Chosen(1, 2))
            .At(130, "bob", new ApprovalGranted(1, "rollback-model", "", false))
            .At(220, "carol", new ApprovalGranted(1, "rollback-model", "", false))
            .At(400, "system", new ExecutionSucceeded(1, "rollback-model", "done"))
            .At(700, "system", new VerificationPassed("all green"))
            .Events;

        var timings = IncidentMetrics.Measure("INC-1", stream);

        Assert.NotNull(timings);
        Assert.Equal(TimeSpan.FromSeconds(60), timings.ToAcknowledge);
        Assert.Equal(TimeSpan.FromSeconds(120), timings.ToApprove);
        Assert.Equal(TimeSpan.FromSeconds(400), timings.ToMitigate);
        Assert.Equal(TimeSpan.FromSeconds(700), timings.ToRecover);
        Assert.Equal(Severity.Sev1, timings.Severity);
        Assert.Equal("checkout", timings.Service);
    }

    [Fact]
    public void Measure_BotDeclared_AcknowledgedByFirstPersonAndOtherStagesUnreached()
    {
        var stream = new StreamBuilder("INC-2")
            .At(0, "system", Declared(null, "", "system"))
            .At(5, "system", new SignalReceived("alertmanager", "g", "firing", "5xx", new Dictionary<string, string>()))
            .At(42, "alice", new NoteAdded("on it"))
            .Events;

        var timings = IncidentMetrics.Measure("INC-2", stream);

        Assert.NotNull(timings);
        Assert.Equal(TimeSpan.FromSeconds(42), timings.ToAcknowledge);
        Assert.Null(timings.ToApprove);
        Assert.Null(timings.ToMitigate);
        Assert.Null(timings.ToRecover);
    }

    [Fact]
    public void Measure_RejectedThenSecondAttemptApproved_TimesTheAttemptThatReachedQuorum()
    {
        var stream = new StreamBuilder("INC-3")
            .At(0, "alice", Declared(Severity.Sev2, "checkout", "alice"))
            .At(10, "alice", new IncidentTriaged(Severity.Sev2, ["model"]))
            .At(20, "alice", Chosen(1, 1))
            .At(50, "bob", new ContainmentRejected(1, "rollback-model", "wrong layer"))
            .At(80, "alice", Chosen(2, 1))
            .At(95, "carol", new ApprovalGranted(2, "rollback-model", "", false))
            .At(300, "alice", new RecoveryConfirmed("fine"))
            .Events;

        var timings = IncidentMetrics.Measure("INC-3", stream);

        Assert.NotNull(timings);
        Assert.Equal(TimeSpan.FromSeconds(50), timings.ToAcknowledge);
        Assert.Equal(TimeSpan.FromSeconds(15), timings.ToApprove);
        Assert.Null(timings.ToMitigate);
        Assert.Null(timings.ToRecover); // Executing does not permit ConfirmRecovered: the incident never entered Recovered
    }

    [Fact]
    public void Measure_NoDeclaration_IsNull()
    {
        var stream = new StreamBuilder("INC-4").At(0, "alice", new NoteAdded("orphan")).Events;

        Assert.Null(IncidentMetrics.Measure("INC-4", stream));
    }

    [Fact]
    public void Report_TenIncidents_MedianAndP90InterpolateExactlyOverallAndPerGroup()
    {
        // Acknowledged after 10, 20, ... 100 s; odd ones sev1 on "checkout", even ones sev2 on "search";
        // only the first four were mitigated (after 100, 200, 300, 400 s).
        var incidents = Enumerable.Range(1, 10).Select(i => new IncidentTimings($"INC-{i}", i % 2 == 1 ? Severity.Sev1 : Severity.Sev2,
            i % 2 == 1 ? "checkout" : "search", StreamBuilder.Start.AddHours(i), TimeSpan.FromSeconds(10 * i), null,
            i <= 4 ? TimeSpan.FromSeconds(100 * i) : null, null)).ToList();

        var report = IncidentMetrics.Report(incidents, null, null);

        Assert.Equal(10, report.Overall.Count);
        Assert.Equal(new DurationStatistic(10, 55, 91), report.Overall.TimeToAcknowledge);
        Assert.Equal(new DurationStatistic(4, 250, 370), report.Overall.TimeToMitigate);
        Assert.Equal(new DurationStatistic(0, null, null), report.Overall.TimeToApprove);
        Assert.Equal(["sev1", "sev2"], report.BySeverity.Keys);
        Assert.Equal(new DurationStatistic(5, 50, 82), report.BySeverity["sev1"].TimeToAcknowledge); // 10,30,50,70,90
        Assert.Equal(new DurationStatistic(2, 300, 380), report.ByService["search"].TimeToMitigate);  // 200,400
        Assert.Equal(5, report.ByService["checkout"].Count);
    }

    [Fact]
    public void Report_Window_IncludesFromAndExcludesTo()
    {
        var incidents = Enumerable.Range(0, 4).Select(i => new IncidentTimings($"INC-{i}", null, "", StreamBuilder.Start.AddHours(i),
            TimeSpan.FromSeconds(i + 1), null, null, null)).ToList();

        var report = IncidentMetrics.Report(incidents, StreamBuilder.Start.AddHours(1), StreamBuilder.Start.AddHours(3));

        Assert.Equal(new DurationStatistic(2, 2.5, 2.9), report.Overall.TimeToAcknowledge);
        Assert.Equal(["none"], report.BySeverity.Keys);
        Assert.Equal(["none"], report.ByService.Keys);
    }

    [Fact]
    public void Measure_Drill_IsMarkedAsADrill()
    {
        var drill = new StreamBuilder("INC-5").At(0, "alice", Declared(Severity.Sev2, "checkout", "alice") with { Drill = true }).Events;
        var real = new StreamBuilder("INC-6").At(0, "alice", Declared(Severity.Sev2, "checkout", "alice")).Events;

        Assert.True(IncidentMetrics.Measure("INC-5", drill)!.Drill);
        Assert.False(IncidentMetrics.Measure("INC-6", real)!.Drill);
    }

    [Fact]
    public void Report_DrillsInAndOutOfTheWindow_AreLeftOutOfEveryStatisticAndCountedInTheWindow()
    {
        // INC-0..INC-3 real, acknowledged after 1..4 s; INC-4..INC-7 drills acknowledged after 100 s (which would
        // move every statistic if they counted), one of them before the window.
        var real = Enumerable.Range(0, 4).Select(i => new IncidentTimings($"INC-{i}", Severity.Sev2, "checkout", StreamBuilder.Start.AddHours(i + 1),
            TimeSpan.FromSeconds(i + 1), null, null, null));
        var drills = Enumerable.Range(4, 4).Select(i => new IncidentTimings($"INC-{i}", Severity.Sev1, "drilled", StreamBuilder.Start.AddHours(i - 4),
            TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(100)) { Drill = true });

        var report = IncidentMetrics.Report([.. real, .. drills], StreamBuilder.Start.AddHours(1), null);

        Assert.Equal(3, report.Drills);
        Assert.Equal(4, report.Overall.Count);
        Assert.Equal(new DurationStatistic(4, 2.5, 3.7), report.Overall.TimeToAcknowledge);
        Assert.Equal(new DurationStatistic(0, null, null), report.Overall.TimeToApprove);
        Assert.Equal(["sev2"], report.BySeverity.Keys);
        Assert.Equal(["checkout"], report.ByService.Keys);
        Assert.Equal(0, IncidentMetrics.Report(real, null, null).Drills);
    }
}
