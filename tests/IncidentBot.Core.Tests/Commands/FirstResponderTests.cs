using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Signals;
using IncidentBot.Core.Tests.Support;

namespace IncidentBot.Core.Tests.Commands;

/// <summary>An incident an alert opened is commanded by the bot; the first responder whose action is accepted takes
/// command in the same commit, and governance then treats them as the commander.</summary>
public sealed class FirstResponderTests
{
    private readonly EngineHarness h = new();

    [Fact]
    public async Task HandleAsync_FirstResponderTriagesAnAlertOpenedIncident_BecomesCommanderInTheSameCommit()
    {
        // Arrange
        var id = await OpenFromSignalAsync();
        var before = (await h.EventsAsync(id)).Count;

        // Act
        var result = await h.SendAsync("alice", $"/incident triage {id} sev2");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.Equal("alice", (await h.LoadAsync(id)).Commander);
        var added = (await h.EventsAsync(id)).Skip(before).ToList();
        Assert.Equal([("RoleAssigned", "alice"), ("IncidentTriaged", "alice")], added.Select(e => (e.Type, e.Actor)));
        var assigned = Assert.IsType<RoleAssigned>(EventCodec.Deserialize(added[0].Type, added[0].PayloadJson));
        Assert.Equal(("commander", "alice"), (assigned.Role, assigned.Person));
        Assert.Contains("first responder", assigned.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_FirstResponderUsesBreakGlass_IsAllowedAsCommander()
    {
        // Arrange
        var id = await OpenFromSignalAsync();
        await h.SendAsync("alice", $"/incident triage {id} sev2");

        // Act
        var result = await h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass");

        // Assert
        Assert.Equal(CommandOutcome.Applied, result.Outcome);
        Assert.True((await h.LoadAsync(id)).Current!.BreakGlass);
    }

    [Fact]
    public async Task HandleAsync_SecondResponderAfterTheFirst_DoesNotTakeCommandAndCannotBreakGlass()
    {
        // Arrange
        var id = await OpenFromSignalAsync();
        await h.SendAsync("bob", $"/incident note {id} looking at it");
        await h.SendAsync("alice", $"/incident triage {id} sev2");

        // Act
        var result = await h.SendAsync("alice", $"/incident contain {id} manual-fallback break-glass");

        // Assert
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("bob", (await h.LoadAsync(id)).Commander);
        Assert.Single(await h.EventsAsync(id), e => e.Type == "RoleAssigned");
    }

    [Theory]
    [InlineData("alice", "/incident approve {0}")]   // refused: nothing to approve
    [InlineData("dave", "/incident note {0} watching")]   // accepted, but dave is no responder
    public async Task HandleAsync_RefusedOrNotAResponder_LeavesTheBotInCommand(string user, string text)
    {
        // Arrange
        var id = await OpenFromSignalAsync();

        // Act
        await h.SendAsync(user, string.Format(System.Globalization.CultureInfo.InvariantCulture, text, id));

        // Assert
        Assert.Equal("system", (await h.LoadAsync(id)).Commander);
        Assert.DoesNotContain(await h.EventsAsync(id), e => e.Type == "RoleAssigned");
    }

    [Fact]
    public async Task HandleAsync_IncidentDeclaredByAPerson_RecordsNoHandOver()
    {
        // Arrange
        var id = (await h.SendAsync("alice", "/incident declare Drift service=assistant")).IncidentId!;

        // Act
        await h.SendAsync("bob", $"/incident triage {id} sev3");

        // Assert
        Assert.Equal("alice", (await h.LoadAsync(id)).Commander);
        Assert.DoesNotContain(await h.EventsAsync(id), e => e.Type == "RoleAssigned");
    }

    private async Task<string> OpenFromSignalAsync()
    {
        var signal = new Signal("alertmanager", "drift-1", "firing", "Assistant drift", "assistant", null, new Dictionary<string, string>(), null);
        var opened = await h.Engine.AcceptSignalAsync(signal, new SignalOptions(), CancellationToken.None);
        Assert.Equal("declared", opened.Outcome);
        return opened.IncidentId!;
    }
}
