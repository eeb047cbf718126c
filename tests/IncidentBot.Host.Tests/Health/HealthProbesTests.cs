using System.Net;
using System.Net.Http.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Health;

/// <summary><c>/healthz/live</c> and <c>/healthz/ready</c> on a healthy bot whose API requires a key: the probes are asked without one.</summary>
public sealed class HealthProbesTests : IAsyncLifetime
{
    private const string Key = "health-probes-test-key";
    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.StartAsync(settings: new Dictionary<string, string?> { ["Api:Keys:0"] = Key, ["Api:AllowAnonymous"] = "false" });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Live_Anonymous_Is200HealthyWithNoChecks()
    {
        using var response = await bot.Http.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json.ReadAsync(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateArray());
    }

    [Fact]
    public async Task Ready_HealthyBotWithAnIncident_Is200WithEveryCheckHealthy()
    {
        // Arrange: an incident (declared with the key), so the outbox has had work.
        using var declare = new HttpRequestMessage(HttpMethod.Post, "/api/console/messages")
        {
            Content = JsonContent.Create(new { user = "alice", text = "/incident declare Probe check sev3 runbook=ai-assistant-drift", deliveryId = "probe-1" }),
        };
        declare.Headers.Add("X-Api-Key", Key);
        using (var declared = await bot.Http.SendAsync(declare)) Assert.Equal(HttpStatusCode.OK, declared.StatusCode);

        // Act
        using var response = await bot.Http.GetAsync("/healthz/ready");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["outbox", "runbooks", "store"], body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
        Assert.Equal("3 runbooks loaded", ReadyProbe.Check(body, "runbooks").Description);
    }
}
