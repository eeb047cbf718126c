using IncidentBot.Core.Drills;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Drills;

/// <summary>The last drill of a service, found through the read model and reported from its events.</summary>
public sealed class EvidenceDrillHistoryTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task LastAsync_SeveralDrillsAndIncidents_ReturnsTheNewestDrillOfTheServiceIgnoringCase()
    {
        // Arrange: two drills of assistant, a drill of another service after them, and a real incident of assistant last.
        await h.SendAsync("alice", "/incident drill test-drift");
        var newest = (await h.SendAsync("alice", "/incident drill test-drift sev3")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {newest} sev3 prompt");
        await h.SendAsync("alice", "/incident drill test-webhook");
        await h.SendAsync("alice", "/incident declare Refunds promised service=assistant runbook=test-drift");
        var history = new EvidenceDrillHistory(h.Store, h.Store);

        // Act
        var last = await history.LastAsync("ASSISTANT", CancellationToken.None);

        // Assert
        Assert.NotNull(last);
        Assert.Equal((newest, "assistant", "test-drift", Severity.Sev3, IncidentState.ContainmentChoice),
            (last.IncidentId, last.Service, last.RunbookId, last.Severity, last.State));
        Assert.Equal(TimeSpan.FromSeconds(1), last.ToTriage);
        Assert.Equal("webhooked", (await history.LastAsync("webhooked", CancellationToken.None))!.Service);
    }

    [Fact]
    public async Task LastAsync_ServiceNeverDrilled_IsNull()
    {
        // Arrange: a real incident of the service is not a drill.
        await h.SendAsync("alice", "/incident declare Refunds promised service=assistant runbook=test-drift");
        await h.SendAsync("alice", "/incident drill test-webhook");

        // Act
        var last = await new EvidenceDrillHistory(h.Store, h.Store).LastAsync("assistant", CancellationToken.None);

        // Assert
        Assert.Null(last);
    }
}
