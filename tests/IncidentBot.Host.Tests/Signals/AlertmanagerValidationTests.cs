using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>POST /api/signals/alertmanager refuses what it cannot use, says exactly why, and changes nothing.</summary>
public sealed class AlertmanagerValidationTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Theory]
    [InlineData("no-version", "version is missing")]
    [InlineData("version-3", "version \"3\" is not supported")]
    [InlineData("version-number", "at $.version")]
    [InlineData("no-group-key", "groupKey is missing")]
    [InlineData("blank-group-key", "groupKey is missing or empty")]
    [InlineData("status-pending", "status \"pending\" is not valid")]
    [InlineData("no-status", "status is missing")]
    [InlineData("no-alerts", "alerts is missing")]
    [InlineData("empty-alerts", "alerts is empty")]
    [InlineData("null-alert", "alerts[0] must be an object")]
    [InlineData("label-not-string", "at $.commonLabels.severity")]
    [InlineData("bad-time", "at $.alerts[0].startsAt")]
    [InlineData("bad-time", "expected an RFC 3339 time")]
    [InlineData("version-number", "expected a string")]
    public async Task PostAlertmanager_InvalidPayload_Is400SayingWhatIsWrongAndChangesNothing(string mistake, string expected)
    {
        var payload = DocsExample();
        switch (mistake)
        {
            case "no-version": payload.Remove("version"); break;
            case "version-3": payload["version"] = "3"; break;
            case "version-number": payload["version"] = 4; break;
            case "no-group-key": payload.Remove("groupKey"); break;
            case "blank-group-key": payload["groupKey"] = " "; break;
            case "status-pending": payload["status"] = "pending"; break;
            case "no-status": payload.Remove("status"); break;
            case "no-alerts": payload.Remove("alerts"); break;
            case "empty-alerts": payload["alerts"] = new JsonArray(); break;
            case "null-alert": payload["alerts"] = new JsonArray((JsonNode?)null); break;
            case "label-not-string": payload["commonLabels"]!["severity"] = 1; break;
            case "bad-time": payload["alerts"]![0]!["startsAt"] = "yesterday"; break;
        }
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Theory]
    [InlineData("{\"version\": \"4\", \"groupKey\": ", "not a valid JSON payload")]
    [InlineData("not json", "not a valid JSON payload")]
    [InlineData("[]", "the body must be a JSON object")]
    [InlineData("", "The body is empty")]
    [InlineData("null", "must be a JSON object")]
    public async Task PostAlertmanager_MalformedJson_Is400AndChangesNothing(string body, string expected)
    {
        var before = await CountAsync(bot);

        using var response = await bot.Http.PostAsync(AlertmanagerPath, Json.Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostAlertmanager_NotJsonContentType_Is400AndChangesNothing()
    {
        var before = await CountAsync(bot);

        using var response = await bot.Http.PostAsync(AlertmanagerPath, new StringContent(DocsExample().ToJsonString(), System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-Type: application/json", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }

    [Fact]
    public async Task PostAlertmanager_BodyOver64KiB_Is413AndChangesNothing()
    {
        var payload = DocsExample();
        payload["commonAnnotations"]!["description"] = new string('x', 70 * 1024);
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KiB", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(bot));
    }
}
