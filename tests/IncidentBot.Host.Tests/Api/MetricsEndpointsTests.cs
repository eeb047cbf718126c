using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>GET /api/metrics/incidents over real HTTP.</summary>
public sealed class MetricsEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetIncidentMetrics_AcknowledgedByAnotherPerson_ReportsItsTimeOverallBySeverityAndService()
    {
        var id = await bot.DeclareAsync();
        await bot.SayAsync("alice", $"/incident note {id} the declarer's own note does not count");
        Assert.Equal("applied", (await bot.SayAsync("bob", $"/incident note {id} looking")).Outcome());
        var timeline = await IncidentApi.GetAsync(bot.Http, id);
        var expected = (timeline.Events("NoteAdded")[1].Time() - timeline.Events("IncidentDeclared")[0].Time()).TotalSeconds;
        var from = Uri.EscapeDataString(timeline.Events("IncidentDeclared")[0].Time().ToString("O"));

        using var response = await bot.Http.GetAsync($"/api/metrics/incidents?from={from}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var overall = body.GetProperty("overall");
        Assert.Equal(1, overall.GetProperty("count").GetInt32());
        var ack = overall.GetProperty("timeToAcknowledge");
        Assert.Equal(1, ack.GetProperty("count").GetInt32());
        Assert.Equal(expected, ack.GetProperty("medianSeconds").GetDouble(), precision: 6);
        Assert.Equal(expected, ack.GetProperty("p90Seconds").GetDouble(), precision: 6);
        Assert.Equal(0, overall.GetProperty("timeToMitigate").GetProperty("count").GetInt32());
        Assert.Equal(1, body.GetProperty("bySeverity").GetProperty("sev2").GetProperty("count").GetInt32());
        Assert.Equal(expected, body.GetProperty("byService").GetProperty("support-assistant").GetProperty("timeToAcknowledge")
            .GetProperty("medianSeconds").GetDouble(), precision: 6);
    }

    [Fact]
    public async Task GetIncidentMetrics_WindowBeforeAnyIncident_CountsNothing()
    {
        await bot.DeclareAsync();

        using var response = await bot.Http.GetAsync("/api/metrics/incidents?from=2020-01-01&to=2020-02-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await Json.ReadAsync(response)).GetProperty("overall").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task GetIncidentMetrics_BadTo_Is400NamingIt()
    {
        using var response = await bot.Http.GetAsync("/api/metrics/incidents?to=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("to:", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
