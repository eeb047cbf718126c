using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Delivery;

/// <summary>Log messages of Teams delivery (event ids 7400-7499). Ids and codes only.</summary>
internal static partial class TeamsDeliveryLog
{
    [LoggerMessage(7400, LogLevel.Information, "Posted the root card of {Incident} in Teams conversation {Conversation}")]
    public static partial void RootPosted(ILogger logger, string incident, string conversation);

    [LoggerMessage(7401, LogLevel.Error, "Teams delivery of item {Id} ({Incident}) cannot succeed ({ErrorCode}); dropped")]
    public static partial void Dropped(ILogger logger, long id, string incident, string errorCode);

    [LoggerMessage(7402, LogLevel.Warning, "Teams refused to update the root card {Activity} of {Incident} ({ErrorCode}); the reply goes ahead")]
    public static partial void UpdateRefused(ILogger logger, string incident, string activity, string errorCode);

    [LoggerMessage(7403, LogLevel.Warning, "{Incident} cannot be posted in Teams conversation '{Conversation}' yet: no service URL is known for it (add IncidentBot to that team or chat); it is retried")]
    public static partial void NoServiceUrl(ILogger logger, string incident, string conversation);
}
