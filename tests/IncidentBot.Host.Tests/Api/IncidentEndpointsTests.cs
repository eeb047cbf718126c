using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>GET /api/incidents/{id} and its timeline.</summary>
public sealed class IncidentEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetIncident_Existing_ShowsStateSeverityRunbookVersionAndTimeline()
    {
        var id = await bot.DeclareAsync();
        await bot.SayAsync("alice", $"/incident triage {id} sev1 prompt");
        await bot.SayAsync("dave", $"/incident triage {id} sev3");

        using var response = await bot.Http.GetAsync($"/api/incidents/{id.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("containmentChoice", body.GetProperty("state").GetString());
        Assert.Equal("sev1", body.GetProperty("severity").GetString());
        Assert.StartsWith("ai-assistant-drift@6#", body.GetProperty("runbookVersion").GetString(), StringComparison.Ordinal);
        var timeline = body.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["IncidentDeclared", "IncidentTriaged", "CommandRefused"], timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L, 3L], timeline.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(timeline, e => Assert.Equal(64, e.GetProperty("hash").GetString()!.Length));
        Assert.Contains("REFUSED triage", timeline[2].GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIncident_Missing_Is404WithError()
    {
        using var response = await bot.Http.GetAsync("/api/incidents/INC-99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("INC-99", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md", "text/markdown", "| # | Time (UTC) | Who | Via | What |")]
    [InlineData("json", "application/json", "\"type\": \"IncidentDeclared\"")]
    [InlineData("csv", "text/csv", "seq,time,actor,surface,type,summary,hash")]
    [InlineData("html", "text/html", "<th>Time to mitigate</th>")]
    public async Task GetTimeline_KnownFormat_ReturnsTheExport(string format, string mediaType, string expected)
    {
        var id = await bot.DeclareAsync();

        using var response = await bot.Http.GetAsync($"/api/incidents/{id}/timeline?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTimeline_Xml_Is400()
    {
        var id = await bot.DeclareAsync();

        using var response = await bot.Http.GetAsync($"/api/incidents/{id}/timeline?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("md, json, csv or html", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTimeline_MissingIncident_Is404()
    {
        using var response = await bot.Http.GetAsync("/api/incidents/INC-99/timeline");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ListIncidents_OneDeclared_ListsIt()
    {
        var id = await bot.DeclareAsync();

        using var response = await bot.Http.GetAsync("/api/incidents");

        var ids = (await Json.ReadAsync(response)).EnumerateArray().Select(i => i.GetProperty("id").GetString());
        Assert.Equal([id], ids);
    }
}
