using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>Alert annotations are kept as evidence, cleaned like typed text and bounded in number and size.</summary>
public sealed class AlertAnnotationsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task PostAlertmanager_HostileAndOversizedAnnotations_AreCleanedAndBounded()
    {
        // Arrange: a description with a right-to-left override and a newline, an empty one, and far too many.
        var payload = UnmatchedAlertTests.HighValue();
        var annotations = new JsonObject
        {
            ["description"] = "disk \u202Efull\u202C\non db-3",
            ["blank"] = "\u200B",
            ["dashboard"] = new string('x', 5000),
            ["summary"] = "the summary sorts after the extras but is kept first",
        };
        for (var i = 0; i < 40; i++) annotations[$"extra{i:00}"] = "v";
        payload["alerts"]![0]!["annotations"] = annotations;
        payload.Remove("commonAnnotations");

        // Act
        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString()!;
        var kept = Assert.Single(await SignalsOfAsync(bot, id)).Annotations!;
        Assert.Equal(20, kept.Count);
        Assert.Equal("disk full on db-3", kept["description"]);
        Assert.DoesNotContain("blank", kept.Keys);
        Assert.Equal("the summary sorts after the extras but is kept first", kept["summary"]);
        Assert.Equal(1000, kept["dashboard"].Length);
        Assert.EndsWith("\u2026", kept["dashboard"], StringComparison.Ordinal);
        Assert.DoesNotContain("extra39", kept.Keys);
    }
}
