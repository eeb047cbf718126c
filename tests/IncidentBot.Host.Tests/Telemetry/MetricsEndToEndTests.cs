using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>
/// A whole incident through the real bot (declare, triage, choose, a refused and an accepted approval, the execution,
/// a prometheus verification, recovery), then <c>/metrics</c>: every counter moved by exactly what happened.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndToEndTests
{
    private const string Commands = "incidentbot_commands_total";

    [Fact]
    public async Task Metrics_AfterWholeIncident_CountersMovedByExactlyWhatHappened()
    {
        // Arrange
        await using var prometheus = await LoopbackTarget.StartAsync((ctx, _) => LoopbackTarget.PrometheusAsync(ctx, 0.01));
        using var runbooks = new TargetRunbooks();
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = runbooks.Directory,
            ["Executors:Settings:target"] = prometheus.BaseUrl,
            ["Telemetry:SampleInterval"] = "00:00:00.100",
        });
        var before = await PrometheusText.ScrapeAsync(bot.Http);

        // Act
        var id = await IncidentApi.ChooseAsync(bot.Http, "verify-passes");
        var self = await IncidentApi.SayAsync(bot.Http, "alice", $"/incident approve {id}");
        await IncidentApi.AppliedAsync(bot.Http, "bob", $"/incident approve {id}");
        var incident = await IncidentApi.WaitForStateAsync(bot.Http, id, "recovered");
        var unparsed = await IncidentApi.SayAsync(bot.Http, "alice", "/incident frobnicate");
        var note = await bot.SayAsync("alice", $"/incident note {id} rollback looked clean", deliveryId: "note-1");
        var again = await bot.SayAsync("alice", $"/incident note {id} rollback looked clean", deliveryId: "note-1");
        var after = await PrometheusText.WaitForAsync(bot.Http,
            s => s.Sum("incidentbot_incidents_open", "severity=sev2", "state=Recovered") == 1 && s.Sum("incidentbot_outbox_overdue") == 0,
            "showing the recovered incident and every notification delivered");

        // Assert: the replies are what the counters say they were.
        Assert.Equal(["refused", "answered", "applied", "duplicate"], new[] { self, unparsed, note, again }.Select(r => r.Outcome()));
        double Delta(string name, params string[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=declare", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=triage", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=contain", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=approve", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=approve", "outcome=refused"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=unparsed", "outcome=answered"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=note", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=console", "verb=note", "outcome=duplicate"));
        Assert.Equal(8, Delta(Commands, "surface=console"));
        Assert.Equal(0, Delta(Commands, "outcome=error"));
        Assert.Equal(1, Delta(Commands, "surface=system", "verb=system:ExecutionSucceeded", "outcome=accepted"));
        Assert.Equal(1, Delta(Commands, "surface=system", "verb=system:VerificationPassed", "outcome=accepted"));
        Assert.Equal(1, Delta("incidentbot_executions_total", "outcome=succeeded"));
        Assert.Equal(0, Delta("incidentbot_executions_total", "outcome=failed"));
        Assert.Equal(1, Delta("incidentbot_verifications_total", "outcome=passed"));
        Assert.Equal(0, Delta("incidentbot_verifications_total", "outcome=failed") + Delta("incidentbot_verifications_total", "outcome=inconclusive"));
        Assert.Equal(incident.Events("ExecutionSucceeded").Count, (int)Delta("incidentbot_executions_total"));
        // Every command is timed once; every command that reached the store (accepted, refused or a duplicate) is one commit.
        Assert.Equal(Delta(Commands), Delta("incidentbot_command_duration_seconds_count"));
        Assert.Equal(Delta(Commands, "outcome=accepted") + Delta(Commands, "outcome=refused") + Delta(Commands, "outcome=duplicate"),
            Delta("incidentbot_commit_duration_seconds_count"));
        Assert.True(Delta("incidentbot_commit_duration_seconds_sum") > 0);
        // Gauges: the one open incident is the recovered one, and the bot is ready.
        Assert.True(Delta("incidentbot_deliveries_total", "surface=console", "outcome=delivered") > 0);
        Assert.Equal(0, Delta("incidentbot_deliveries_total", "surface=console", "outcome=retry") + Delta("incidentbot_deliveries_total", "surface=console", "outcome=refused"));
        Assert.Equal(1, after.Sum("incidentbot_incidents_open"));
        Assert.Equal(1, after.Sum("incidentbot_ready"));
    }
}
