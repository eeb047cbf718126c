using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Signals;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>"Take command": <c>assign … commander me</c> names the sender, and the card offers it only while the bot commands.</summary>
public sealed class TakeCommandTests
{
    private const string TakeCommand = "commander me";
    private readonly EngineHarness h = new();

    [Fact]
    public async Task HandleAsync_AssignCommanderMe_MakesTheSenderCommanderAndRecordsIt()
    {
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;

        var result = await h.SendAsync("bob", $"/incident assign {id} commander ME");

        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal("bob", (await h.LoadAsync(id)).Commander);
        var last = (await h.EventsAsync(id))[^1];
        Assert.Equal(("RoleAssigned", "bob"), (last.Type, last.Actor));
        Assert.Equal(new RoleAssigned("commander", "bob") { Moved = new(IncidentState.Triage, IncidentState.Triage) }, EventCodec.Deserialize(last.Type, last.PayloadJson));
    }

    [Fact]
    public async Task CardAsync_IncidentOpenedByASignal_OffersTakeCommandUntilSomeoneTakesIt()
    {
        var opened = await h.Engine.AcceptSignalAsync(FiringSignal(), new SignalOptions(), CancellationToken.None);
        var id = opened.IncidentId!;

        var before = await h.Engine.CardAsync(id, CancellationToken.None);
        await h.SendAsync("alice", $"/incident assign {id} commander me");
        var after = await h.Engine.CardAsync(id, CancellationToken.None);

        Assert.Equal("system", (await h.EventsAsync(id))[0].Actor);
        Assert.Contains(before!.Buttons, b => b.Command == $"/incident assign {id} {TakeCommand}");
        Assert.Equal("alice", (await h.LoadAsync(id)).Commander);
        Assert.DoesNotContain(after!.Buttons, b => b.Command.EndsWith(TakeCommand, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CardAsync_IncidentDeclaredByAPerson_DoesNotOfferTakeCommand()
    {
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;

        var card = await h.Engine.CardAsync(id, CancellationToken.None);

        Assert.DoesNotContain(card!.Buttons, b => b.Command.EndsWith(TakeCommand, StringComparison.Ordinal));
    }

    private static Signal FiringSignal() =>
        new("alertmanager", "drift-1", "firing", "Assistant drift", "assistant", Severity.Sev2, new Dictionary<string, string>(), null);
}
