using IncidentBot.Core.Outbox;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Authentication;
using IncidentBot.Teams.Configuration;
using IncidentBot.Teams.Connector;
using IncidentBot.Teams.Delivery;
using IncidentBot.Teams.Endpoints;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Teams;

/// <summary>Registers the Teams surface.</summary>
public static class TeamsServiceCollectionExtensions
{
    /// <summary>True when <c>Teams:AppId</c> and <c>Teams:AppPassword</c> are both set.</summary>
    public static bool IsTeamsConfigured(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions()).IsConfigured;
    }

    /// <summary>
    /// The Teams surface when it is configured: validated <see cref="TeamsOptions"/> (both id and password, or neither;
    /// URLs https except loopback), inbound authentication, the turn logic, Adaptive Cards, the connector client and
    /// Teams' <see cref="INotificationSender"/> (driven by the host's generic delivery worker). Does nothing when neither
    /// the app id nor the password is set; one without the other stops the bot at start-up.
    /// </summary>
    public static IServiceCollection AddTeamsSurface(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var teams = configuration.GetSection(TeamsOptions.SectionName).Get<TeamsOptions>() ?? new TeamsOptions();
        var half = string.IsNullOrWhiteSpace(teams.AppId) != string.IsNullOrWhiteSpace(teams.AppPassword);
        if (!teams.IsConfigured && !half) return services;

        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName))
            .Validate(o => o.IsConfigured, "Teams needs both Teams:AppId and Teams:AppPassword (the password in the environment: Teams__AppPassword), or neither.")
            .Validate(o => Guid.TryParse(o.AppId, out _), "Teams:AppId must be the bot's Microsoft App ID (a GUID).")
            .Validate(o => TeamsUrls.IsAllowed(o.OpenIdMetadataUrl), "Teams:OpenIdMetadataUrl must be https (plain http only on loopback).")
            .Validate(o => ConnectorUrls.IsAllowed(o.ResolvedTokenEndpoint), "Teams:TokenEndpoint must be https (plain http only on loopback), without query.")
            .Validate(o => o.CallTimeout >= TimeSpan.FromMilliseconds(10) && o.CallTimeout <= TimeSpan.FromHours(24), "Teams:CallTimeout must be between 10 ms and 24 h.")
            .Validate(o => o.MaxRetries is >= 0 and <= 10 && o.MaxInPlaceRetryAfter >= TimeSpan.Zero, "Teams:MaxRetries must be 0..10 and MaxInPlaceRetryAfter not negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotFrameworkAuthenticator.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.AddTeamsConnector();
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.TryAddSingleton(sp => new TeamsMessageBuilder(sp.GetRequiredService<AdaptiveCardRenderer>()));
        services.TryAddSingleton<TeamsInbound>();
        services.AddSingleton<INotificationSender, TeamsNotificationSender>();
        return services;
    }
}
