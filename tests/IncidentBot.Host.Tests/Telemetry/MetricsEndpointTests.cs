using System.Net;
using System.Net.Sockets;
using IncidentBot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>Who may read <c>/metrics</c>: the API key outside Development, the management port alone when one is set,
/// nobody when telemetry is off.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests
{
    private const string Key = "metrics-test-key";

    [Fact]
    public async Task Metrics_ProductionWithoutKey_401WithKey200()
    {
        // Arrange
        await using var bot = await TestBot.StartAsync("Production", new Dictionary<string, string?> { ["Api:Keys:0"] = Key });

        // Act
        using var anonymous = await bot.Http.GetAsync("/metrics");
        using var wrong = await SendAsync(bot.Http, "/metrics", "not-the-key");
        using var keyed = await SendAsync(bot.Http, "/metrics", Key);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.StartsWith("text/plain", keyed.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("incidentbot_executions_total", PrometheusText.Parse(await keyed.Content.ReadAsStringAsync()).Names);
    }

    [Fact]
    public async Task Metrics_Development_200WithoutKey()
    {
        // Arrange
        await using var bot = await TestBot.StartAsync();

        // Act
        var scrape = await PrometheusText.ScrapeAsync(bot.Http);

        // Assert
        Assert.Contains("incidentbot_executions_total", scrape.Names);
    }

    [Fact]
    public async Task Metrics_TelemetryDisabled_404()
    {
        // Arrange
        await using var bot = await TestBot.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" });

        // Act
        using var response = await bot.Http.GetAsync("/metrics");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_ManagementUrlsSet_ServedThereWithoutKeyWithHealthOnlyAndNotOnTheBotsOwnPort()
    {
        // Arrange
        var port = FreePort();
        await using var bot = await TestBot.StartAsync("Production", new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = Key,
            ["Management:Urls"] = $"http://127.0.0.1:{port}",
        });
        var addresses = bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        using var own = new HttpClient { BaseAddress = new Uri(addresses.Single(a => new Uri(a).Port != port)) };
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Act
        using var onOwnPort = await SendAsync(own, "/metrics", Key);
        using var forgedHost = await SendAsync(own, "/metrics", Key, host: $"127.0.0.1:{port}");
        var scrape = await PrometheusText.ScrapeAsync(management);
        using var healthOnOwnPort = await own.GetAsync("/healthz/live");
        using var healthOnManagement = await management.GetAsync("/healthz/ready");
        using var apiOnManagement = await SendAsync(management, "/api/incidents", Key);

        // Assert
        Assert.Equal(2, addresses.Count);
        Assert.Equal(HttpStatusCode.NotFound, onOwnPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forgedHost.StatusCode);
        Assert.Contains("incidentbot_executions_total", scrape.Names);
        Assert.Equal(HttpStatusCode.OK, healthOnOwnPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthOnManagement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnManagement.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string key, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        if (host is not null) request.Headers.Host = host;
        return await http.SendAsync(request);
    }

    /// <summary>A loopback port free right now (the listener is closed again before the bot binds it).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
