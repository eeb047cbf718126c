using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Delivery;

/// <summary>Log messages of Slack delivery (event ids 3600-3699). Never the token or message content beyond ids.</summary>
internal static partial class SlackDeliveryLog
{

    [LoggerMessage(3601, LogLevel.Information, "Posted the thread root of {Incident} in {Conversation}")]
    public static partial void RootPosted(ILogger logger, string incident, string conversation);



    [LoggerMessage(3604, LogLevel.Error, "Slack delivery of item {Id} ({Incident}) cannot succeed ({ErrorCode}); dropped")]
    public static partial void Dropped(ILogger logger, long id, string incident, string errorCode, Exception? exception);

    [LoggerMessage(3605, LogLevel.Warning, "Slack refused to update message {Message} of {Incident} ({ErrorCode}); the thread post goes ahead")]
    public static partial void UpdateRefused(ILogger logger, string message, string incident, string errorCode);

    [LoggerMessage(3606, LogLevel.Warning, "Could not tell the thread of {Incident} that an update was not shown ({ErrorCode})")]
    public static partial void NoticeFailed(ILogger logger, string incident, string errorCode);


    [LoggerMessage(3608, LogLevel.Warning, "{Incident} has no Slack channel to post its thread in; its message is dropped")]
    public static partial void NoChannel(ILogger logger, string incident);
}
