using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary>GET /healthz reports the store and the number of runbooks loaded.</summary>
public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Healthz_StoreReady_Is200WithRunbookCount()
    {
        using var response = await bot.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(3, body.GetProperty("runbooks").GetInt32());
        Assert.Equal(0, body.GetProperty("openIncidents").GetInt32());
    }
}
