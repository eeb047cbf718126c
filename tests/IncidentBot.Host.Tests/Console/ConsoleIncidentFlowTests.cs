using System.Net;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>A whole incident through the console API over real HTTP: the engine, the store, the outbox worker and the feed.</summary>
public sealed class ConsoleIncidentFlowTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Console_WholeIncident_RefusesSelfApprovalExecutesAndCloses()
    {
        var id = await bot.DeclareAsync();
        Assert.Equal("applied", (await bot.SayAsync("alice", "/incident triage sev2 prompt", thread: id)).Outcome());
        // pause-refunds-path is all manual (steps and check), so the flow needs no system behind the bot.
        Assert.Equal("applied", (await bot.SayAsync("alice", "/incident contain pause-refunds-path", thread: id)).Outcome());

        var self = await bot.SayAsync("alice", "/incident approve", thread: id);
        var approved = await bot.SayAsync("bob", "/incident approve go", thread: id);
        var result = await WaitForFeedAsync(id, card => card.GetProperty("title").GetString()!.Contains(id, StringComparison.Ordinal)
                                                        && card.GetProperty("text").GetString()!.Contains("Check that the system recovered", StringComparison.Ordinal));
        foreach (var text in new[] { "/incident recovered", "/incident review", "/incident learn drafts need review", "/incident followup add eval owner=bob" })
            Assert.Equal("applied", (await bot.SayAsync("alice", text, thread: id)).Outcome());
        var closed = await bot.SayAsync("alice", "/incident close", thread: id);

        Assert.Equal("applied", closed.Outcome());
        Assert.Matches("Evidence seal: [0-9a-f]{64}", closed.GetRawText());
        Assert.Equal("refused", self.Outcome());
        Assert.Contains("cannot approve it", self.CardText(), StringComparison.Ordinal);
        Assert.Equal("applied", approved.Outcome());
        Assert.Contains(result.GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString() == "Verifying");
        var incident = await IncidentAsync(id);
        Assert.Equal("closed", incident.GetProperty("state").GetString());
        var types = incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(1, types.Count(t => t == "CommandRefused"));
        Assert.Contains("ExecutionSucceeded", types);
        Assert.Equal(2, types.Count(t => t == "StepCompleted"));
    }

    [Fact]
    public async Task Feed_BeforeAnyExecution_HoldsTheDeclarationAndItsPublicReplyOnly()
    {
        var id = await bot.DeclareAsync();
        await bot.SayAsync("alice", "/incident help", thread: id); // answered only to alice: not in the room

        using var response = await bot.Http.GetAsync("/api/console/feed");

        var items = (await Json.ReadAsync(response)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["message", "reply"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(("alice", JsonValueKind.Null), (items[0].GetProperty("user").GetString(), items[0].GetProperty("incidentId").ValueKind));
        Assert.StartsWith("/incident declare", items[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, items[1].GetProperty("incidentId").GetString());
        Assert.Equal(items[0].GetProperty("id").GetInt64() + 1, items[1].GetProperty("id").GetInt64());
    }

    /// <summary>Polls the feed (bounded: 15 s) until a card (a public reply or a notification) for <paramref name="id"/> matches.</summary>
    private async Task<JsonElement> WaitForFeedAsync(string id, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var after = 0L;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await bot.Http.GetAsync($"/api/console/feed?after={after}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var item in (await Json.ReadAsync(response)).GetProperty("items").EnumerateArray())
            {
                after = Math.Max(after, item.GetProperty("id").GetInt64());
                if (item.GetProperty("kind").GetString() != "message" && item.GetProperty("incidentId").GetString() == id && match(item.GetProperty("card")))
                    return item.GetProperty("card");
            }
            await Task.Delay(100);
        }
        Assert.Fail($"No matching feed card for {id} within 15 s.");
        return default;
    }

    private async Task<JsonElement> IncidentAsync(string id)
    {
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");
        return await Json.ReadAsync(response);
    }
}
