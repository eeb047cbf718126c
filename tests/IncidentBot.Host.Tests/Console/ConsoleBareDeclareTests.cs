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

    [Fact]
    public async Task Card_OnGeneralWhileAnotherRunbookFitsTheService_OffersUseRunbookWhichSwitches()
    {
        // Arrange
        var id = (await bot.SayAsync("alice", "/incident declare Checkout errors runbook=general service=checkout-api")).GetProperty("incidentId").GetString()!;
        var button = (await CurrentCardAsync(id)).GetProperty("buttons").EnumerateArray()
            .Single(b => b.GetProperty("label").GetString() == "Use runbook service-release");
        Assert.Equal($"/incident triage {id} runbook=service-release", button.GetProperty("command").GetString());
        Assert.Contains("Severity", button.GetProperty("inputPrompt").GetString(), StringComparison.Ordinal);

        // Act: the person clicks it and types the severity the button asks for.
        var reply = await bot.SayAsync("alice", button.GetProperty("command").GetString() + " sev2", thread: id);

        // Assert
        Assert.Equal("applied", reply.Outcome());
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        Assert.Equal("service-release", (await Json.ReadAsync(response)).GetProperty("runbookId").GetString());
        Assert.DoesNotContain((await CurrentCardAsync(id)).GetProperty("buttons").EnumerateArray(),
            b => b.GetProperty("label").GetString()!.StartsWith("Use runbook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Card_OnGeneralWithNoBetterRunbook_OffersNoSwitch()
    {
        var id = (await bot.SayAsync("alice", "/incident declare Checkout is slow")).GetProperty("incidentId").GetString()!;

        var card = await CurrentCardAsync(id);

        Assert.DoesNotContain(card.GetProperty("buttons").EnumerateArray(),
            b => b.GetProperty("label").GetString()!.StartsWith("Use runbook", StringComparison.Ordinal));
    }

    private async Task<System.Text.Json.JsonElement> CurrentCardAsync(string id)
    {
        using var response = await bot.Http.GetAsync($"/api/console/threads/{id}/history");
        return (await Json.ReadAsync(response)).GetProperty("card");
    }
}
