using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Delivery;

/// <summary>Log messages of Slack delivery (event ids 3600-3699). Never the token or message content beyond ids.</summary>
internal static partial class SlackDeliveryLog
{
    [LoggerMessage(3600, LogLevel.Information, "Slack delivery started ({Concurrency} incidents at a time)")]
    public static partial void Started(ILogger logger, int concurrency);

    [LoggerMessage(3601, LogLevel.Information, "Posted the thread root of {Incident} in {Conversation}")]
    public static partial void RootPosted(ILogger logger, string incident, string conversation);

    [LoggerMessage(3602, LogLevel.Debug, "Delivered outbox item {Id} of {Incident} to Slack")]
    public static partial void Delivered(ILogger logger, long id, string incident);

    [LoggerMessage(3603, LogLevel.Warning, "Slack delivery of item {Id} ({Incident}) failed on attempt {Attempt} ({ErrorCode}); next try at {Due}")]
    public static partial void Rescheduled(ILogger logger, long id, string incident, int attempt, string errorCode, DateTimeOffset due);

    [LoggerMessage(3604, LogLevel.Error, "Slack delivery of item {Id} ({Incident}) cannot succeed ({ErrorCode}); dropped")]
    public static partial void Dropped(ILogger logger, long id, string incident, string errorCode, Exception? exception);

    [LoggerMessage(3605, LogLevel.Warning, "Slack refused to update message {Message} of {Incident} ({ErrorCode}); the thread post goes ahead")]
    public static partial void UpdateRefused(ILogger logger, string message, string incident, string errorCode);

    [LoggerMessage(3606, LogLevel.Warning, "Could not tell the thread of {Incident} that an update was not shown ({ErrorCode})")]
    public static partial void NoticeFailed(ILogger logger, string incident, string errorCode);

    [LoggerMessage(3607, LogLevel.Error, "Slack delivery could not read or update the outbox")]
    public static partial void OutboxFailed(ILogger logger, Exception exception);

    [LoggerMessage(3608, LogLevel.Warning, "{Incident} has no Slack channel to post its thread in; its message is dropped")]
    public static partial void NoChannel(ILogger logger, string incident);
}
