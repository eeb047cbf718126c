using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Incidents;

/// <summary>A runtime control is in force once executed; the card says where the service stands; lifting it is a
/// containment of its own, approved like turning it on, executed with <c>control.enabled=false</c>.</summary>
public sealed class RuntimeControlsTests
{
    private readonly EngineHarness h = new();

    private async Task<string> ControlInForceAsync(ScriptedExecutor http)
    {
        var id = (await h.SendAsync("alice", "/incident declare Kill switch sev2 runbook=test-webhook")).IncidentId!;
        await h.SendAsync("alice", $"/incident triage {id} sev2");
        await h.SendAsync("alice", $"/incident contain {id} flip-flag");
        await h.SendAsync("bob", $"/incident approve {id}");
        await new ContainmentRunner(h.Engine, [new ManualExecutor(), http]).RunAsync(new ExecuteJob(id, 1), CancellationToken.None);
        await h.SendAsync("alice", $"/incident recovered {id}");
        return id;
    }

    [Fact]
    public async Task Card_WithControlExecuted_ShowsRestrictedModeAndOffersLift()
    {
        var id = await ControlInForceAsync(new ScriptedExecutor("http", true));

        var incident = await h.LoadAsync(id);
        var card = (await h.Engine.CardAsync(id, CancellationToken.None))!;

        Assert.Equal("restricted: flip-flag", incident.ServiceMode);
        Assert.Contains(card.Fields, f => f == new CardField("Service mode", "restricted: flip-flag"));
        var lift = Assert.Single(card.Buttons, b => b.Command == $"/incident lift {id} flip-flag");
        Assert.NotNull(lift.Confirm);
    }

    [Fact]
    public async Task Lift_ApprovedAndExecuted_ReturnsTheServiceToFullyLive()
    {
        var http = new ScriptedExecutor("http", true);
        var id = await ControlInForceAsync(http);

        var lift = await h.SendAsync("alice", $"/incident lift {id} flip-flag");
        var self = await h.SendAsync("alice", $"/incident approve {id}");
        await h.SendAsync("carol", $"/incident approve {id}");
        await new ContainmentRunner(h.Engine, [new ManualExecutor(), http]).RunAsync(new ExecuteJob(id, 2), CancellationToken.None);
        await h.SendAsync("alice", $"/incident recovered {id}");

        Assert.Equal(CommandOutcome.Applied, lift.Outcome);
        Assert.Equal(CommandOutcome.Refused, self.Outcome);
        var incident = await h.LoadAsync(id);
        Assert.True(incident.Current!.Lifts);
        Assert.Equal(2, http.Calls);
        Assert.Empty(incident.ControlsInForce);
        Assert.Equal("fully live", incident.ServiceMode);
        Assert.Equal(IncidentState.Recovered, incident.State);
    }

    [Fact]
    public async Task Lift_NothingInForce_IsRefused()
    {
        var id = await h.DriveToAsync(IncidentState.Recovered);

        var result = await h.SendAsync("alice", $"/incident lift {id} manual-fallback");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
    }
}
