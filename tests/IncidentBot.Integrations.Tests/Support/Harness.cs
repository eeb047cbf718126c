using IncidentBot.Integrations.Checks;
using IncidentBot.Integrations.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Integrations.Tests.Support;

/// <summary>
/// The integrations as the host wires them (<see cref="IntegrationsServiceCollectionExtensions.AddIntegrations"/>),
/// with short delays, timeouts and breaker settings so the suite stays fast. Each harness has its own breakers.
/// </summary>
public sealed class Harness : IDisposable
{
    public const string Secret = "s3cr3t-deploy-token";

    private readonly ServiceProvider provider;

    private Harness(ServiceProvider provider) => this.provider = provider;

    public HttpExecutor Executor => provider.GetRequiredService<HttpExecutor>();
    public HttpCheck HttpCheck => provider.GetRequiredService<HttpCheck>();
    public PrometheusCheck Prometheus => provider.GetRequiredService<PrometheusCheck>();
    public IServiceProvider Services => provider;

    /// <summary>A harness; <paramref name="configure"/> runs after the integrations are registered (to swap a handler).</summary>
    public static Harness Create(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Executors:Settings:deploy_api"] = "http://unused.invalid",
            ["Executors:Settings:note"] = "say \"hi\"\\now",
            ["Executors:Secrets:deploy_token"] = Secret,
            ["Executors:Http:RetryBaseDelay"] = "00:00:00.010",
            ["Executors:Http:MaxRetryAfter"] = "00:00:01",
            ["Executors:Http:AttemptTimeout"] = "00:00:05",
            ["Executors:Http:BreakerMinimumThroughput"] = "3",
            ["Executors:Http:BreakDuration"] = "00:00:30",
            ["Checks:Timeout"] = "00:00:05",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddIntegrations(configuration);
        configure?.Invoke(services);
        return new Harness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public void Dispose() => provider.Dispose();
}
