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
    /// The Slack Web API client (<see cref="ISlackApi"/>, with its <see cref="SlackResilience"/> pipeline) and the
    /// worker that posts incident messages into Slack threads. Does nothing unless <see cref="SlackOptions.IsConfigured"/>
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
        services.AddOptions<SlackDeliveryOptions>().Bind(configuration.GetSection(SlackDeliveryOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryBaseDelay,
                "Slack:Delivery times must be positive, and MaxRetryDelay at least RetryBaseDelay.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Polly bounds every attempt (Slack:CallTimeout); HttpClient's own 100 s limit would only get in its way.
        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<SlackResilience>();
        services.TryAddSingleton<ISlackApi, SlackApiClient>();
        services.TryAddSingleton<BlockKitRenderer>();
        services.AddSingleton<SlackNotificationSender>();
        services.AddHostedService<SlackDeliveryWorker>();
        return services;
    }
}
