using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>A delivery retried by a surface (or a double click) applies once.</summary>
public sealed class IdempotencyTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task HandleAsync_SameDeliveryTwice_AppliesOnceAndAnswersDuplicate()
    {
        var id = await h.DriveToAsync(IncidentState.AwaitingApproval);

        var first = await h.SendAsync("bob", $"/incident approve {id}", deliveryId: "slack:abc");
        var count = (await h.EventsAsync(id)).Count;
        var second = await h.SendAsync("bob", $"/incident approve {id}", deliveryId: "slack:abc");

        Assert.Equal(CommandOutcome.Applied, first.Outcome);
        Assert.Equal(CommandOutcome.Duplicate, second.Outcome);
        Assert.Equal(id, second.IncidentId);
        Assert.Equal(count, (await h.EventsAsync(id)).Count);
        Assert.Single(h.Store.Outbox, o => o.Target == JobKind.Execute.Name);
    }

    [Fact]
    public async Task HandleAsync_SameDeclareDeliveryTwice_OpensOneIncident()
    {
        const string text = "/incident declare Drift sev2 service=assistant runbook=test-drift";

        var first = await h.SendAsync("alice", text, deliveryId: "d-1");
        var second = await h.SendAsync("alice", text, deliveryId: "d-1");

        Assert.Equal((CommandOutcome.Applied, CommandOutcome.Duplicate), (first.Outcome, second.Outcome));
        Assert.Equal(first.IncidentId, second.IncidentId);
        Assert.Single(await h.Store.ListIncidentsAsync(true, CancellationToken.None));
        Assert.Single(await h.EventsAsync(first.IncidentId!));
    }

    [Fact]
    public async Task HandleAsync_DifferentDeliveries_ApplyEach()
    {
        var id = await h.DriveToAsync(IncidentState.Triage);

        await h.SendAsync("alice", $"/incident note {id} one", deliveryId: "n-1");
        await h.SendAsync("alice", $"/incident note {id} one", deliveryId: "n-2");

        Assert.Equal(3, (await h.EventsAsync(id)).Count);
    }
}
