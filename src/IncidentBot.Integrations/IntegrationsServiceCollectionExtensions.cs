using IncidentBot.Core.Execution;
using IncidentBot.Core.Verification;
using IncidentBot.Integrations.Checks;
using IncidentBot.Integrations.Execution;
using IncidentBot.Integrations.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Integrations;

/// <summary>Registration of the bot's hands and eyes on real systems.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ExecutorOptions"/> (section <c>Executors</c>) and <see cref="CheckOptions"/> (section
    /// <c>Checks</c>), both validated at start-up (a secret shorter than <see cref="SecretRedactor.MinimumLength"/> is
    /// refused); registers the named HTTP clients (without HttpClient's own request logging, which writes URIs; the executor's with its
    /// per-host resilience handler, <see cref="HttpExecutorHostPipeline"/>), <see cref="HttpExecutor"/> as an
    /// <see cref="IExecutor"/>, and <see cref="HttpCheck"/> and <see cref="PrometheusCheck"/> as <see cref="ICheck"/>s.
    /// </summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExecutorOptions>().Bind(configuration.GetSection(ExecutorOptions.SectionName))
            .Validate(o => o.Http.IsValid, "Executors:Http has a value out of range (see HttpExecutorOptions for the limits).")
            .Validate(o => o.Secrets.Values.All(v => v.Length >= SecretRedactor.MinimumLength),
                $"Every Executors:Secrets value must have at least {SecretRedactor.MinimumLength} characters: a shorter one cannot be told apart from ordinary text, so it could not be kept out of evidence.")
            .ValidateOnStart();
        services.AddOptions<CheckOptions>().Bind(configuration.GetSection(CheckOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MaxResponseBytes > 0, "Checks:Timeout and Checks:MaxResponseBytes must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Polly owns every time limit; a step that changes production must not be silently redirected (a POST turned
        // into a GET by a 302 would read as success). No HttpClient logging: its System.Net.Http.HttpClient.* loggers
        // write the request URI at Information, and a URI may carry a secret (?token=…); our own log lines name the host only.
        // Header values go out as UTF-8, so a token with non-ASCII characters is sent rather than refused.
        services.AddHttpClient(HttpExecutor.ClientName, c => (c.Timeout, c.MaxResponseContentBufferSize) = (Timeout.InfiniteTimeSpan, 1024 * 1024))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.UTF8,
            })
            .RemoveAllLoggers()
            // Each request's circuit breaker and attempt timeout, one pipeline per scheme://host:port, shared by every step
            // that calls that host. The step's own timeout and retry stay around it (HttpExecutorPipelines).
            .AddResilienceHandler(HttpExecutorHostPipeline.Name, HttpExecutorHostPipeline.Configure)
            .SelectPipelineByAuthority();
        services.AddHttpClient(CheckHttp.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();

        services.TryAddSingleton<StepValues>();
        services.TryAddSingleton<HttpExecutorPipelines>();
        services.TryAddSingleton<CheckHttp>();
        services.TryAddSingleton(sp => new HttpExecutor(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<StepValues>(),
            sp.GetRequiredService<HttpExecutorPipelines>(), sp.GetRequiredService<IOptions<ExecutorOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpExecutor>>()));
        services.TryAddSingleton(sp => new HttpCheck(sp.GetRequiredService<CheckHttp>(), sp.GetRequiredService<ILogger<HttpCheck>>()));
        services.TryAddSingleton(sp => new PrometheusCheck(sp.GetRequiredService<CheckHttp>(), sp.GetRequiredService<ILogger<PrometheusCheck>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutor, HttpExecutor>(sp => sp.GetRequiredService<HttpExecutor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheck, HttpCheck>(sp => sp.GetRequiredService<HttpCheck>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheck, PrometheusCheck>(sp => sp.GetRequiredService<PrometheusCheck>()));
        return services;
    }
}
