using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Core.Text;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>Alert text (titles, summaries, label names and values) is cleaned like typed commands before it becomes
/// an incident: no control characters, direction overrides, tag characters or line breaks survive.</summary>
public sealed class HostileSignalTextTests : IAsyncLifetime
{
    private const string Hostile = "\u0000\u0007\u001b[2J\u0085\u2028\u2029\r\n\u202E\u2066\u200F\u061C\U000E0041\U000E007F";
    private const string Invisible = "\u0000\u0007\u001b\u0085\u2028\u2029\r\n\u202E\u2066\u200F\u061C\U000E0041\U000E007F";
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task PostAlertmanager_HostileNameSummaryAndLabels_DeclaresWithCleanText()
    {
        var payload = DocsExample();
        payload["groupKey"] = "{}:{alertname=\"Quality" + Hostile + "\"}";
        payload["commonLabels"]!["alertname"] = "Assistant" + Hostile + "QualityDrop";
        payload["commonLabels"]!["team" + Hostile] = "ml" + Hostile + "ops";
        payload["groupLabels"]!["alertname"] = "Assistant" + Hostile + "QualityDrop";
        payload["commonAnnotations"]!["summary"] = "Bad" + Hostile + "answers";

        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString()!;
        var signal = Assert.Single(await SignalsOfAsync(bot, id));
        Assert.Equal("Assistant[2J QualityDrop: Bad[2J answers", signal.Title);
        Assert.Equal("ml[2J ops", signal.Labels["team[2J"]);
        Assert.True(UntrustedText.IsClean(signal.GroupKey), signal.GroupKey);
        Assert.All(signal.Labels, l => Assert.True(UntrustedText.IsClean(l.Key) && UntrustedText.IsClean(l.Value), l.Key));
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        Assert.Equal(signal.Title, (await Json.ReadAsync(incident)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostSignal_HostileTitleKeyServiceAndLabels_DeclaresWithCleanText()
    {
        var body = new JsonObject
        {
            ["key"] = "k" + Hostile + "1", ["status"] = "firing", ["title"] = "5xx" + Hostile + "on checkout",
            ["service"] = "checkout" + Hostile, ["severity"] = "high",
            ["labels"] = new JsonObject { ["alertname"] = "High\u202EErrorRate", ["service"] = "checkout-api" },
        };

        using var response = await PostAsync(bot, GenericPath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString()!;
        var signal = Assert.Single(await SignalsOfAsync(bot, id));
        Assert.Equal("5xx[2J on checkout", signal.Title);
        Assert.Equal("k[2J 1", signal.GroupKey);
        Assert.Equal("HighErrorRate", signal.Labels["alertname"]);
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        var summary = await Json.ReadAsync(incident);
        Assert.Equal("checkout[2J", summary.GetProperty("service").GetString());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("key")]
    public async Task PostSignal_FieldOfOnlyInvisibleCharacters_Is400AndChangesNothing(string field)
    {
        var body = new JsonObject { ["key"] = "k", ["status"] = "firing", ["title"] = "t" };
        body[field] = Invisible;
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, GenericPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostSignal_LabelNameOfOnlyInvisibleCharacters_Is400()
    {
        var body = new JsonObject { ["key"] = "k", ["status"] = "firing", ["title"] = "t", ["labels"] = new JsonObject { [Invisible] = "x" } };

        using var response = await PostAsync(bot, GenericPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("empty name", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
