using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Console;

/// <summary>An incident an alert opened is commanded by the bot until someone takes command from its card.</summary>
public sealed class ConsoleTakeCommandTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task TakeCommand_AliceSendsTheCardsButton_AliceCommandsAndTheEvidenceRecordsIt()
    {
        var id = await OpenFromAlertAsync(bot);
        var take = TakeCommandButton(await CurrentCardAsync(id));

        var reply = await bot.SayAsync("alice", take!, thread: id, deliveryId: "take-1");

        Assert.Equal("applied", reply.Outcome());
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        var incident = await Json.ReadAsync(response);
        Assert.Equal("alice", incident.GetProperty("commander").GetString());
        var assigned = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "RoleAssigned");
        Assert.Equal(("alice", "assigned commander to alice"), (assigned.GetProperty("actor").GetString(), assigned.GetProperty("summary").GetString()));
        Assert.Null(TakeCommandButton(await CurrentCardAsync(id)));
    }

    /// <summary>Posts a firing alert through <c>POST /api/signals</c>; the bot declares the incident and commands it.</summary>
    internal static async Task<string> OpenFromAlertAsync(TestBot bot)
    {
        var signal = new JsonObject
        {
            ["source"] = "grafana", ["key"] = "checkout-5xx", ["status"] = "firing", ["title"] = "5xx above 5% on /checkout",
            ["severity"] = "high", ["labels"] = new JsonObject { ["alertname"] = "HighErrorRate", ["service"] = "checkout-api" },
        };
        using var response = await PostAsync(bot, GenericPath, signal);
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        return result.GetProperty("incidentId").GetString()!;
    }

    private async Task<JsonElement> CurrentCardAsync(string id)
    {
        using var response = await bot.Http.GetAsync($"/api/console/threads/{id}/history");
        return (await Json.ReadAsync(response)).GetProperty("card");
    }

    private static string? TakeCommandButton(JsonElement card) => card.GetProperty("buttons").EnumerateArray()
        .Select(b => b.GetProperty("command").GetString()!)
        .SingleOrDefault(c => c.Contains(" commander me", StringComparison.Ordinal));
}
