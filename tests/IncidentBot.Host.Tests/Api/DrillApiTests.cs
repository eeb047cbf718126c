using System.Net;
using IncidentBot.Core.Drills;
using IncidentBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Api;

/// <summary>A drill beside a real incident, over real HTTP on a real SQLite file: the list shows it as a drill, the
/// metrics leave it out and count it, and the composed <see cref="IDrillHistory"/> finds it.</summary>
public sealed class DrillApiTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    private async Task<(string Real, string Drill)> RealAndDrillAsync()
    {
        var real = await bot.DeclareAsync();
        var drill = await bot.SayAsync("alice", "/incident drill ai-assistant-drift sev2");
        Assert.Equal("applied", drill.Outcome());
        var drillId = drill.GetProperty("incidentId").GetString()!;
        Assert.Equal("applied", (await bot.SayAsync("bob", $"/incident note {real} looking")).Outcome());
        Assert.Equal("applied", (await bot.SayAsync("bob", $"/incident note {drillId} looking")).Outcome());
        return (real, drillId);
    }

    [Fact]
    public async Task GetIncidentMetrics_DrillBesideARealIncident_CountsOnlyTheRealOneAndReportsOneDrill()
    {
        await RealAndDrillAsync();

        using var response = await bot.Http.GetAsync("/api/metrics/incidents");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(1, body.GetProperty("drills").GetInt32());
        Assert.Equal(1, body.GetProperty("overall").GetProperty("count").GetInt32());
        Assert.Equal(1, body.GetProperty("overall").GetProperty("timeToAcknowledge").GetProperty("count").GetInt32());
        Assert.Equal(1, body.GetProperty("bySeverity").GetProperty("sev2").GetProperty("count").GetInt32());
        Assert.Equal(1, body.GetProperty("byService").GetProperty("support-assistant").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ListIncidents_DrillBesideARealIncident_KeepsBothAndMarksTheDrill()
    {
        var (real, drill) = await RealAndDrillAsync();

        using var response = await bot.Http.GetAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var drills = (await Json.ReadAsync(response)).EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("drill").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { [real] = false, [drill] = true }, drills);
    }

    [Fact]
    public async Task DrillHistory_Composed_FindsTheDrillOfTheServiceFromItsEvents()
    {
        var (_, drill) = await RealAndDrillAsync();

        var last = await bot.App.Services.GetRequiredService<IDrillHistory>().LastAsync("Support-Assistant", CancellationToken.None);

        Assert.NotNull(last);
        Assert.Equal((drill, "ai-assistant-drift"), (last.IncidentId, last.RunbookId));
        Assert.Empty(last.Failures);
        Assert.Null(await bot.App.Services.GetRequiredService<IDrillHistory>().LastAsync("checkout-api", CancellationToken.None));
    }
}
