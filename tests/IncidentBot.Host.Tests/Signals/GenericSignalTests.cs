using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>POST /api/signals: the generic JSON signal, with the same rules as Alertmanager's.</summary>
public sealed class GenericSignalTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    private static JsonObject ErrorRate() => new()
    {
        ["source"] = "grafana", ["key"] = "checkout-5xx", ["status"] = "firing", ["title"] = "5xx above 5% on /checkout",
        ["severity"] = "high", ["labels"] = new JsonObject { ["alertname"] = "HighErrorRate", ["service"] = "checkout-api" },
    };

    [Fact]
    public async Task PostSignal_Firing_DeclaresWithTheRunbookItsLabelsSelect()
    {
        using var response = await PostAsync(bot, GenericPath, ErrorRate());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        using var incident = await bot.Http.GetAsync($"/api/incidents/{result.GetProperty("incidentId").GetString()}");
        var body = await Json.ReadAsync(incident);
        Assert.Equal("service-release", body.GetProperty("runbookId").GetString());
        Assert.Equal("sev2", body.GetProperty("severity").GetString());
        Assert.Equal("checkout-api", body.GetProperty("service").GetString());
        Assert.Equal("5xx above 5% on /checkout", body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("critical", "sev1")]
    [InlineData("high", "sev2")]
    [InlineData("error", "sev2")]
    [InlineData("warning", "sev3")]
    [InlineData("info", "sev4")]
    [InlineData("low", "sev4")]
    [InlineData("sev3", "sev3")]
    [InlineData("SEV1", "sev1")]
    [InlineData("P1", "sev1")]
    [InlineData("major", "sev2")]
    [InlineData("minor", "sev3")]
    public async Task PostSignal_SeverityWord_MapsToIncidentSeverity(string word, string severity)
    {
        var signal = ErrorRate();
        signal["severity"] = word;

        using var response = await PostAsync(bot, GenericPath, signal);

        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString();
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        Assert.Equal(severity, (await Json.ReadAsync(incident)).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task PostSignal_SameSourceAndKeyTwice_AttachesAndResolvedIsEvidence()
    {
        using var first = await PostAsync(bot, GenericPath, ErrorRate());
        var id = (await Json.ReadAsync(first)).GetProperty("incidentId").GetString()!;
        var resolved = ErrorRate();
        resolved["status"] = "resolved";

        using var second = await PostAsync(bot, GenericPath, ErrorRate());
        using var third = await PostAsync(bot, GenericPath, resolved);

        Assert.Equal("attached", (await Json.ReadAsync(second)).GetProperty("outcome").GetString());
        Assert.Equal(id, (await Json.ReadAsync(third)).GetProperty("incidentId").GetString());
        Assert.Equal(1, (await CountAsync(bot)).Incidents);
        Assert.Equal(["firing", "firing", "resolved"], (await SignalsOfAsync(bot, id)).Select(s => s.Status));
    }

    [Fact]
    public async Task PostSignal_NoRunbookApplies_DeclaresOnTheGeneralRunbook()
    {
        // Changed by design (issue 10): an alert no runbook matches used to be only recorded; now a person always sees it.
        var signal = new JsonObject { ["key"] = "disk-full", ["status"] = "firing", ["title"] = "Disk full on db-3", ["labels"] = new JsonObject { ["alertname"] = "DiskFull" } };
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, GenericPath, signal);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        Assert.Contains("general@1#", result.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Incidents + 1, (await CountAsync(bot)).Incidents);
    }

    [Theory]
    [InlineData("key", null, "key is missing")]
    [InlineData("key", "", "key is missing or empty")]
    [InlineData("status", "open", "status \"open\" is not valid")]
    [InlineData("status", null, "status is missing")]
    [InlineData("title", "  ", "title is missing or empty")]
    [InlineData("severity", "urgent", "severity \"urgent\" is not valid")]
    [InlineData("source", "Grafana Cloud", "source must be")]
    public async Task PostSignal_InvalidField_Is400SayingWhatIsWrongAndChangesNothing(string field, string? value, string expected)
    {
        var signal = ErrorRate();
        signal[field] = value;
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, GenericPath, signal);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostSignal_TitleOver300Characters_Is400AndChangesNothing()
    {
        var signal = ErrorRate();
        signal["title"] = new string('t', 301);
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, GenericPath, signal);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("title is longer than 300 characters", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostSignal_MalformedJson_Is400AndChangesNothing()
    {
        var before = await CountAsync(bot);

        using var response = await bot.Http.PostAsync(GenericPath, Json.Raw("{\"key\": \"x\", \"labels\": [1]}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at $.labels", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }
}
