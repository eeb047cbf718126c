using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Host.Tests.Support;
using static IncidentBot.Host.Tests.Signals.SignalFixtures;

namespace IncidentBot.Host.Tests.Signals;

/// <summary>POST /api/signals/alertmanager over real HTTP, with the Alertmanager docs example payload.</summary>
public sealed class AlertmanagerSignalTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task PostAlertmanager_DocsExample_DeclaresIncidentWithTheRunbookItsLabelsSelect()
    {
        using var response = await PostAsync(bot, AlertmanagerPath, DocsExample());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        Assert.Equal("declared", result.GetProperty("outcome").GetString());
        var id = result.GetProperty("incidentId").GetString()!;
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        var body = await Json.ReadAsync(incident);
        Assert.Equal("ai-assistant-drift", body.GetProperty("runbookId").GetString());
        Assert.Equal("sev1", body.GetProperty("severity").GetString());
        Assert.Equal("support-assistant", body.GetProperty("service").GetString());
        Assert.Equal("AssistantQualityDrop: Bad answer ratio above 20% for 10 minutes", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostAlertmanager_NoServiceLabel_UsesJobAndAnUnknownSeverityWordIsNoSeverity()
    {
        var payload = DocsExample();
        var labels = payload["commonLabels"]!.AsObject();
        labels.Remove("service");
        labels["job"] = "assistant-api";
        labels["severity"] = "page-someone";
        payload["groupLabels"]!.AsObject().Remove("service");

        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString();
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        var body = await Json.ReadAsync(incident);
        Assert.Equal("assistant-api", body.GetProperty("service").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("severity").ValueKind);
        Assert.Equal("ai-assistant-drift", body.GetProperty("runbookId").GetString());
    }

    [Fact]
    public async Task PostAlertmanager_LongSummary_DeclaresWithTheTitleShortenedTo300Characters()
    {
        var payload = DocsExample();
        payload["commonAnnotations"]!["summary"] = new string('s', 1000);

        using var response = await PostAsync(bot, AlertmanagerPath, payload);

        var id = (await Json.ReadAsync(response)).GetProperty("incidentId").GetString();
        using var incident = await bot.Http.GetAsync($"/api/incidents/{id}");
        var title = (await Json.ReadAsync(incident)).GetProperty("title").GetString()!;
        Assert.Equal(300, title.Length);
        Assert.StartsWith("AssistantQualityDrop: sss", title, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlertmanager_SameGroupKeyTwice_AttachesToTheSameIncident()
    {
        using var first = await PostAsync(bot, AlertmanagerPath, DocsExample());
        var id = (await Json.ReadAsync(first)).GetProperty("incidentId").GetString()!;

        using var second = await PostAsync(bot, AlertmanagerPath, DocsExample());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var result = await Json.ReadAsync(second);
        Assert.Equal("attached", result.GetProperty("outcome").GetString());
        Assert.Equal(id, result.GetProperty("incidentId").GetString());
        Assert.Equal(1, (await CountAsync(bot)).Incidents);
        Assert.Equal(["firing", "firing"], (await SignalsOfAsync(bot, id)).Select(s => s.Status));
    }

    [Fact]
    public async Task PostAlertmanager_ResolvedForAnOpenGroup_IsRecordedAsEvidenceOnItsIncident()
    {
        using var first = await PostAsync(bot, AlertmanagerPath, DocsExample());
        var id = (await Json.ReadAsync(first)).GetProperty("incidentId").GetString()!;
        var resolved = DocsExample();
        resolved["status"] = "resolved";
        resolved["alerts"]![0]!["status"] = "resolved";
        resolved["alerts"]![0]!["endsAt"] = "2026-11-22T04:10:00Z";

        using var response = await PostAsync(bot, AlertmanagerPath, resolved);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json.ReadAsync(response);
        Assert.Equal("attached", result.GetProperty("outcome").GetString());
        Assert.Equal(id, result.GetProperty("incidentId").GetString());
        Assert.Equal(["firing", "resolved"], (await SignalsOfAsync(bot, id)).Select(s => s.Status));
        Assert.Equal(1, (await CountAsync(bot)).Incidents);
    }

    [Fact]
    public async Task PostAlertmanager_ResolvedWithNoOpenIncident_IsRecordedWithoutDeclaring()
    {
        var resolved = DocsExample();
        resolved["status"] = "resolved";
        var before = await CountAsync(bot);

        using var response = await PostAsync(bot, AlertmanagerPath, resolved);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recorded", (await Json.ReadAsync(response)).GetProperty("outcome").GetString());
        var after = await CountAsync(bot);
        Assert.Equal(before.Incidents, after.Incidents);
        Assert.Equal(before.Events + 1, after.Events);
    }

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
    [InlineData("[]", "not a valid JSON payload")]
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
