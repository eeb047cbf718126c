using IncidentBot.Core.Outbox;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Delivery;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Slack;

/// <summary>Registers the outbound half of the Slack surface.</summary>
public static class SlackDeliveryExtensions
{
    /// <summary>
    /// The Slack Web API client (<see cref="ISlackApi"/>, with its <see cref="SlackResilience"/> pipeline) and Slack's
    /// <see cref="INotificationSender"/>, which the host's generic delivery worker drives (<c>Slack:Delivery</c>). Does nothing unless <see cref="SlackOptions.IsConfigured"/>
    /// (both the signing secret and the bot token are set), so a bot without Slack runs with the console only.
    /// </summary>
    public static IServiceCollection AddSlackDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var slack = configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions();
        if (!slack.IsConfigured) return services;

        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName))
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Slack:MaxRetries must be between 0 and 10.")
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "Slack:CallTimeout must be positive.")
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri, "Slack:ApiBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<SlackPacingOptions>().Bind(configuration.GetSection(SlackPacingOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Polly bounds every attempt (Slack:CallTimeout); HttpClient's own 100 s limit would only get in its way.
        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<SlackResilience>();
        services.TryAddSingleton<ISlackApi, SlackApiClient>();
        services.TryAddSingleton<BlockKitRenderer>();
        services.TryAddSingleton<SlackChannelPacer>();
        services.AddSingleton<INotificationSender, SlackNotificationSender>();
        return services;
    }
}
