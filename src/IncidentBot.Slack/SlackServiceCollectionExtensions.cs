using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Endpoints;
using IncidentBot.Slack.Inbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Slack;

/// <summary>Registration of the inbound Slack surface (the Web API client and delivery are <c>AddSlackDelivery</c>).</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SlackOptions"/> (section <c>Slack</c>, validated at start-up: both secrets or neither) and
    /// registers <see cref="SlackSignatureVerifier"/> and <see cref="BlockKitRenderer"/>. When Slack is configured it
    /// also registers what <see cref="SlackEndpoints.MapSlackEndpoints"/> needs; when it is not, nothing else, and
    /// the host maps no Slack routes.
    /// </summary>
    public static IServiceCollection AddSlackSurface(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningSecret) == string.IsNullOrWhiteSpace(o.BotToken),
                "Set both Slack:SigningSecret and Slack:BotToken, or neither (then Slack is off).")
            .Validate(o => o.SignatureWindow > TimeSpan.Zero, "Slack:SignatureWindow must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<BlockKitRenderer>();
        if (!IsSlackConfigured(configuration)) return services;
        services.TryAddSingleton<EphemeralReplies>();
        services.TryAddSingleton<SlackInbound>();
        return services;
    }

    /// <summary>True when <c>Slack:SigningSecret</c> and <c>Slack:BotToken</c> are both set.</summary>
    public static bool IsSlackConfigured(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions()).IsConfigured;
    }
}
