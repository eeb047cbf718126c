using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary><c>/incident drill</c> through the engine: a practice incident of the named runbook, marked as a drill,
/// that then runs like any incident; and the drills it refuses before recording anything.</summary>
public sealed class DrillEngineTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task Drill_KnownRunbook_DeclaresADrillOnItsFirstServiceMarkedOnTheCard()
    {
        // Act
        var result = await h.SendAsync("alice", "/incident drill test-drift sev2");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        var incident = await h.LoadAsync(result.IncidentId!);
        Assert.True(incident.IsDrill);
        Assert.Equal(("Drill: Test runbook for lifecycle tests", "assistant", "test-drift", Severity.Sev2, "alice"),
            (incident.Title, incident.Service, incident.RunbookId, incident.Severity, incident.Commander));
        var declared = Assert.IsType<IncidentDeclared>(EventCodec.Deserialize(nameof(IncidentDeclared), (await h.EventsAsync(incident.Id))[0].PayloadJson));
        Assert.True(declared.Drill);
        Assert.True((await h.Store.GetIncidentAsync(incident.Id, CancellationToken.None))!.Drill);
        var card = Assert.Single(result.Replies).Card;
        Assert.Equal($"DRILL · {incident.Id} · Drill: Test runbook for lifecycle tests", card.Title);
        Assert.StartsWith("Practice incident: a drill of test-drift against the drill settings; not a real incident.", card.Context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_RealIncident_IsNotADrillAndItsCardIsUnmarked()
    {
        // Act
        var result = await h.SendAsync("alice", "/incident declare Refunds promised sev2 service=assistant runbook=test-drift");

        // Assert
        var incident = await h.LoadAsync(result.IncidentId!);
        Assert.False(incident.IsDrill);
        Assert.DoesNotContain("\"drill\"", (await h.EventsAsync(incident.Id))[0].PayloadJson, StringComparison.OrdinalIgnoreCase);
        var card = Assert.Single(result.Replies).Card;
        Assert.DoesNotContain("DRILL", card.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("Practice incident", card.Context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_UnknownRunbook_IsRefusedListingTheRunbooksAndRecordsNothing()
    {
        // Act
        var result = await h.SendAsync("alice", "/incident drill no-such-runbook");

        // Assert
        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        var card = Assert.Single(result.Replies).Card;
        Assert.Contains("There is no runbook 'no-such-runbook' to drill.", card.Text, StringComparison.Ordinal);
        Assert.Contains("test-drift", card.Text, StringComparison.Ordinal);
        Assert.Empty(await h.Store.ListIncidentsAsync(true, CancellationToken.None));
    }

    [Fact]
    public async Task Drill_RunbookWithoutServiceAndNoServiceGiven_AsksForService()
    {
        // Act: test-review has no applies_to.services.
        var refused = await h.SendAsync("alice", "/incident drill test-review");
        var named = await h.SendAsync("alice", "/incident drill test-review service=Billing");

        // Assert
        Assert.Equal(CommandOutcome.Answered, refused.Outcome);
        Assert.Contains("service=NAME", Assert.Single(refused.Replies).Card.Text, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Applied, named.Outcome);
        Assert.Equal("Billing", (await h.LoadAsync(named.IncidentId!)).Service);
        Assert.Single(await h.Store.ListIncidentsAsync(true, CancellationToken.None));
    }

    [Fact]
    public async Task Drill_ByANonResponder_IsRefusedAndRecordedLikeADeclaration()
    {
        // Act
        var result = await h.SendAsync("dave", "/incident drill test-drift");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("cannot start drills", Assert.Single(result.Replies).Card.Text, StringComparison.Ordinal);
        Assert.Empty(await h.Store.ListIncidentsAsync(true, CancellationToken.None));
        var refusal = Assert.Single(await h.Store.ReadStreamAsync(Streams.Bot, CancellationToken.None));
        Assert.Equal(nameof(CommandRefused), refusal.Type);
    }

    [Fact]
    public async Task List_DrillAmongOpenIncidents_IsMarked()
    {
        // Arrange
        var real = (await h.SendAsync("alice", "/incident declare Refunds promised service=assistant runbook=test-drift")).IncidentId;
        var drill = (await h.SendAsync("alice", "/incident drill test-drift")).IncidentId;

        // Act
        var text = Assert.Single((await h.SendAsync("alice", "/incident list")).Replies).Card.Text;

        // Assert
        Assert.Contains($"• {drill} [DRILL] [untriaged] Drill: Test runbook", text, StringComparison.Ordinal);
        Assert.Contains($"• {real} [untriaged] Refunds promised", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_RunToRecoveredWithAFailedStep_ReportsApproverFailureAndTimes()
    {
        // Arrange: the webhook fails once, is retried, then works.
        var id = (await h.SendAsync("alice", "/incident drill test-webhook sev2")).IncidentId!;
        var http = new ScriptedExecutor("http", false, true);
        var runner = new ContainmentRunner(h.Engine, [new ManualExecutor(), http]);
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} flip-flag");
        await h.SendAsync("bob", $"/incident approve {id}");
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        Assert.Equal(IncidentState.ExecutionFailed, (await h.LoadAsync(id)).State);
        await h.SendAsync("alice", $"/incident retry {id} the switch is back");
        await runner.RunAsync(new ExecuteJob(id, 1), CancellationToken.None);

        // Act
        Assert.Equal(CommandOutcome.Applied, (await h.SendAsync("alice", $"/incident recovered {id}")).Outcome);
        var report = DrillReports.Build(id, await h.EventsAsync(id));

        // Assert
        Assert.NotNull(report);
        Assert.Equal((id, "webhooked", "test-webhook", Severity.Sev2, IncidentState.Recovered), (report.IncidentId, report.Service, report.RunbookId, report.Severity, report.State));
        Assert.Equal(["bob"], report.Approvers);
        Assert.Equal(["flip-flag step call-switch: http call 1: 500"], report.Failures);
        Assert.True(report.Recovered);
        Assert.Equal(TimeSpan.FromSeconds(1), report.ToTriage);
        Assert.Equal(TimeSpan.FromSeconds(1), report.ToApprove);
        Assert.NotNull(report.ToMitigate);
        Assert.True(report.ToRecover >= report.ToMitigate);
        Assert.Equal(2, http.Calls);
    }

    [Fact]
    public async Task Export_Drill_MarksTheDocumentsAndCarriesTheDrillReport()
    {
        // Arrange
        await h.SeedPromptHistoryAsync();
        var id = (await h.SendAsync("alice", "/incident drill test-drift sev2")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2 prompt");
        await h.SendAsync("alice", $"/incident contain {id} rollback-prompt");
        await h.SendAsync("bob", $"/incident approve {id}");

        // Act
        var md = Assert.Single((await h.SendAsync("alice", $"/incident export {id} md")).Replies).Card.Text;
        var json = Assert.Single((await h.SendAsync("alice", $"/incident export {id} json")).Replies).Card.Text;

        // Assert
        Assert.StartsWith($"# DRILL · {id}: Drill: Test runbook for lifecycle tests", md, StringComparison.Ordinal);
        Assert.Contains("| Drill | yes — a practice incident, not counted in the metrics |", md, StringComparison.Ordinal);
        Assert.Contains("## Drill report", md, StringComparison.Ordinal);
        Assert.Contains("| Approvers | bob |", md, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetProperty("summary").GetProperty("drill").GetBoolean());
        Assert.Equal("bob", doc.RootElement.GetProperty("drillReport").GetProperty("approvers")[0].GetString());
    }
}
