using IncidentBot.Core.Drills;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Host.Readiness;

/// <summary>DI entry of the readiness report.</summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the endpoint probe uses (no redirects followed: any answer is an answer).</summary>
    public const string ProbeClient = "readiness-probe";

    /// <summary>The <see cref="ReadinessGatherer"/> over the registered store ports, its probe client, and the
    /// <see cref="IDrillHistory"/> when one is registered.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.SectionName)
            .Validate(o => o.Problems().Count == 0, "Readiness:ProbeTimeout and Readiness:DrillMaxAge must be positive.")
            .ValidateOnStart();
        services.AddHttpClient(ProbeClient).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton(sp => new ReadinessGatherer(sp.GetRequiredService<IEvidenceStore>(), sp.GetRequiredService<IIncidentReadModel>(),
            sp.GetRequiredService<IChangeReadModel>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(ProbeClient),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<IDrillHistory>()));
        services.AddTransient(sp => ReadinessSetup.From(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment(), sp.GetRequiredService<RunbookCatalog>()));
        return services;
    }
}
