using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Teams.Connector;

/// <summary>Registers the outbound connector client.</summary>
public static class TeamsConnectorExtensions
{
    /// <summary>
    /// Registers <see cref="ITeamsConnector"/> (<see cref="TeamsConnectorClient"/>), <see cref="BotTokenProvider"/>,
    /// <see cref="TeamsResilience"/> and their named HTTP clients, all singletons. The caller registers and validates
    /// <c>IOptions&lt;TeamsOptions&gt;</c>; <see cref="TimeProvider.System"/> is added when no clock is registered.
    /// </summary>
    public static IServiceCollection AddTeamsConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        // Polly bounds every attempt (Teams:CallTimeout); HttpClient's own 100 s limit would only get in its way.
        // No redirects: a redirected token request would carry the password elsewhere, a redirected POST would lose its body.
        // Header values never reach the factory's trace logs (the Authorization header carries the token).
        foreach (var name in new[] { TeamsConnectorClient.HttpClientName, BotTokenProvider.HttpClientName })
        {
            services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
                .RedactLoggedHeaders(static _ => true);
        }
        services.TryAddSingleton<BotTokenProvider>();
        services.TryAddSingleton<TeamsResilience>();
        services.TryAddSingleton<ITeamsConnector, TeamsConnectorClient>();
        return services;
    }
}
