using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>Alerts never vanish: a real-world alert no runbook matches opens an incident on the default general runbook,
/// announced in the console room, with the alert's start time, link, labels and annotations as evidence.</summary>
public sealed class UnmatchedAlertTests : IAsyncLifetime
{
    private const string StartedAt = "2026-11-22 03:40:00";
    private const string GraphLink = "http://prometheus.example.org:9090/graph?g0.expr=value%7Bjob%3D%22api%22%7D+%3E+100";
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    /// <summary>A fresh copy of Fixtures/alertmanager-unmatched-highvalue.json.</summary>
    internal static JsonObject HighValue() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "IncidentBot.Host.Tests", "Signals", "Fixtures", "alertmanager-unmatched-highvalue.json")))!.AsObject();

    [Fact]
    public async Task PostAlertmanager_UnmatchedRealWorldAlert_OpensOnGeneralAnnouncedInTheConsoleRoom()
    {
        // Act
        using var response = await PostAsync(bot, AlertmanagerPath, HighValue());

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        var id = result.GetProperty("incidentId").GetString()!;
        using var got = await bot.Http.GetAsync($"/api/incidents/{id}");
        var incident = await Json.ReadAsync(got);
        Assert.Equal(("general", "sev2", "api", "system"), (incident.GetProperty("runbookId").GetString(), incident.GetProperty("severity").GetString(),
            incident.GetProperty("service").GetString(), incident.GetProperty("commander").GetString()));
        var announced = await WaitForRoomCardAsync(id);
        Assert.Contains("What is broken, for whom, and since when?", announced.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlertmanager_UnmatchedRealWorldAlert_CardShowsStartLinkLabelsAndAnnotations()
    {
        // Arrange
        var id = await OpenAsync();

        // Act
        var card = await CurrentCardAsync(id);

        // Assert
        var fields = card.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal(StartedAt + " UTC", fields["Alert started"]);
        Assert.Equal(GraphLink, fields["Alert link"]);
        Assert.Equal("alertname=HighValue, job=api, severity=high", fields["Alert labels"]);
        Assert.Equal("api value above threshold", fields["Alert summary"]);
        Assert.Equal("The value of api has been above 100 for 5 minutes.", fields["Alert description"]);
        Assert.Contains(card.GetProperty("buttons").EnumerateArray(), b => b.GetProperty("command").GetString() == $"/incident assign {id} commander me");
        var received = Assert.Single(await SignalsOfAsync(bot, id));
        Assert.Equal("The value of api has been above 100 for 5 minutes.", received.Annotations!["description"]);
    }

    [Fact]
    public async Task Export_UnmatchedRealWorldAlert_MarkdownAndJsonHoldTheStartTimeAndLink()
    {
        // Arrange
        var id = await OpenAsync();

        // Act
        using var md = await bot.Http.GetAsync($"/api/incidents/{id}/timeline?format=md");
        using var json = await bot.Http.GetAsync($"/api/incidents/{id}/timeline?format=json");

        // Assert
        var markdown = await md.Content.ReadAsStringAsync();
        Assert.Contains($"| First signal | {StartedAt} |", markdown, StringComparison.Ordinal);
        Assert.Contains(GraphLink, markdown, StringComparison.Ordinal);
        var summary = (await Json.ReadAsync(json)).GetProperty("summary");
        Assert.Equal("2026-11-22T03:40:00.0000000Z", summary.GetProperty("times").GetProperty("firstSignal").GetString());
        Assert.Equal(GraphLink, summary.GetProperty("alertLink").GetString());
    }

    [Fact]
    public async Task Triage_FirstResponderOnTheAlertOpenedIncident_BecomesCommanderAndMayPickTheRightRunbook()
    {
        // Arrange
        var id = await OpenAsync();

        // Act
        var reply = await bot.SayAsync("alice", $"/incident triage {id} sev2 runbook=service-release", thread: id);

        // Assert
        Assert.Equal("applied", reply.Outcome());
        using var got = await bot.Http.GetAsync($"/api/incidents/{id}");
        var incident = await Json.ReadAsync(got);
        Assert.Equal(("alice", "service-release"), (incident.GetProperty("commander").GetString(), incident.GetProperty("runbookId").GetString()));
        var types = incident.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).TakeLast(3);
        Assert.Equal(["RoleAssigned", "RunbookChanged", "IncidentTriaged"], types);
        Assert.Contains("rollback-release", (await CurrentCardAsync(id)).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> OpenAsync()
    {
        using var response = await PostAsync(bot, AlertmanagerPath, HighValue());
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        return result.GetProperty("incidentId").GetString()!;
    }

    private async Task<JsonElement> CurrentCardAsync(string id)
    {
        using var response = await bot.Http.GetAsync($"/api/console/threads/{id}/history");
        return (await Json.ReadAsync(response)).GetProperty("card");
    }

    /// <summary>Polls the room's feed (bounded: 15 s) until the bot has posted a card for <paramref name="id"/>: the
    /// announcement is delivered by the outbox after the signal's request ended.</summary>
    private async Task<JsonElement> WaitForRoomCardAsync(string id)
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
                if (item.GetProperty("kind").GetString() != "message" && item.GetProperty("incidentId").GetString() == id)
                    return item.GetProperty("card");
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{id} was not announced in the console room within 15 s.");
        return default;
    }
}
