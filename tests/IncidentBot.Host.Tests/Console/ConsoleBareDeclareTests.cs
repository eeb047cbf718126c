using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>A declaration with just a title opens an incident on the default general runbook; triage can pick a
/// better one.</summary>
public sealed class ConsoleBareDeclareTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Declare_JustATitle_OpensOnTheGeneralRunbookWithTheDeclarerInCommand()
    {
        // Act
        var reply = await bot.SayAsync("alice", "/incident declare Checkout is slow");

        // Assert
        Assert.Equal("applied", reply.Outcome());
        var id = reply.GetProperty("incidentId").GetString()!;
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        var incident = await Json.ReadAsync(response);
        Assert.Equal(("Checkout is slow", "general", "alice"), (incident.GetProperty("title").GetString(),
            incident.GetProperty("runbookId").GetString(), incident.GetProperty("commander").GetString()));
    }

    [Fact]
    public async Task Triage_RunbookSwitchAfterContainment_IsRefusedAndTheRunbookStays()
    {
        // Arrange
        var id = (await bot.SayAsync("alice", "/incident declare Checkout is slow")).GetProperty("incidentId").GetString()!;
        await bot.SayAsync("alice", $"/incident triage {id} sev3", thread: id);
        Assert.Equal("applied", (await bot.SayAsync("alice", $"/incident contain {id} mitigate-by-hand", thread: id)).Outcome());

        // Act
        var reply = await bot.SayAsync("alice", $"/incident triage {id} sev2 runbook=service-release", thread: id);

        // Assert
        Assert.Equal("refused", reply.Outcome());
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        Assert.Equal("general", (await Json.ReadAsync(response)).GetProperty("runbookId").GetString());
    }
}
