using IncidentBot.Core.Telemetry;
using System.Text.Json.Nodes;
using IncidentBot.Teams.Configuration;
using IncidentBot.Teams.Connector;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Tests.Connector;

/// <summary>
/// The connector client wired as production wires it (<see cref="TeamsConnectorExtensions.AddTeamsConnector"/>)
/// against a <see cref="ConnectorStandIn"/>, with captured logs, counted requests and a 20 ms first backoff.
/// </summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private ConnectorHarness(ConnectorStandIn standIn, ServiceProvider services, CapturedLogs logs, RequestCounter counter)
        => (StandIn, this.services, Logs, Counter) = (standIn, services, logs, counter);

    public ConnectorStandIn StandIn { get; }

    public CapturedLogs Logs { get; }

    public RequestCounter Counter { get; }

    public ITeamsConnector Connector => services.GetRequiredService<ITeamsConnector>();

    public BotTokenProvider Tokens => services.GetRequiredService<BotTokenProvider>();

    /// <summary>The harness's container, for what a test registered itself.</summary>
    public IServiceProvider Services => services;

    public static async Task<ConnectorHarness> StartAsync(Action<TeamsOptions>? configure = null, TimeProvider? time = null,
        Action<IServiceCollection>? register = null)
    {
        var standIn = await ConnectorStandIn.StartAsync();
        var logs = new CapturedLogs();
        var counter = new RequestCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null) services.AddSingleton(time);
        services.AddOptions<TeamsOptions>().Configure(o =>
        {
            o.AppId = standIn.AppId;
            o.AppPassword = standIn.AppPassword;
            o.TokenEndpoint = standIn.TokenEndpoint;
            o.CallTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetries = 2;
            o.MaxInPlaceRetryAfter = TimeSpan.FromSeconds(3);
            configure?.Invoke(o);
        });
        services.AddSingleton(sp => new TeamsResilience(sp.GetRequiredService<IOptions<TeamsOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TeamsResilience>>(), TimeSpan.FromMilliseconds(20),
            sp.GetService<BotMetrics>()));
        services.AddTeamsConnector();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(counter.CreateHandler));
        register?.Invoke(services);
        return new ConnectorHarness(standIn, services.BuildServiceProvider(), logs, counter);
    }

    public static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
