using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Endpoints;

/// <summary>Log messages of the inbound Slack surface (event ids 3000-3499). Never a secret, signature, token or
/// what people typed; verbs, ids and reasons only.</summary>
internal static partial class SlackInboundLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Slack request to {Path} refused (401): {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string path, string reason);

    [LoggerMessage(3001, LogLevel.Warning, "Slack request to {Path} refused (413): body larger than {Limit} bytes")]
    public static partial void BodyTooLarge(ILogger logger, string path, int limit);

    [LoggerMessage(3002, LogLevel.Warning, "Slack request to {Path} is malformed (400): {Problem}")]
    public static partial void Malformed(ILogger logger, string path, string problem);

    [LoggerMessage(3003, LogLevel.Information, "Slack {Kind} {Verb} on {Incident}: {Outcome}")]
    public static partial void CommandHandled(ILogger logger, string kind, string verb, string incident, string outcome);

    [LoggerMessage(3004, LogLevel.Error, "Slack {Kind} {Verb} failed inside the bot; the person was told")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string kind, string verb);

    [LoggerMessage(3005, LogLevel.Warning, "Slack ephemeral reply in {Channel} failed: {Error}")]
    public static partial void EphemeralFailed(ILogger logger, string channel, string error);

    [LoggerMessage(3006, LogLevel.Warning, "Slack ephemeral replies are all busy ({Limit}); one reply in {Channel} was dropped")]
    public static partial void EphemeralDropped(ILogger logger, int limit, string channel);

    [LoggerMessage(3007, LogLevel.Warning, "Slack views.open failed: {Error}; the person was asked to type the command")]
    public static partial void ViewOpenFailed(ILogger logger, string error);

    [LoggerMessage(3008, LogLevel.Warning, "No Slack Web API client is registered (AddSlackDelivery); cannot {Action}")]
    public static partial void NoWebApi(ILogger logger, string action);

    [LoggerMessage(3009, LogLevel.Debug, "Slack {Kind} ignored: {What}")]
    public static partial void Ignored(ILogger logger, string kind, string what);

    [LoggerMessage(3010, LogLevel.Information, "Slack event {EventId} redelivered (retry {RetryNum}, {RetryReason})")]
    public static partial void EventRetry(ILogger logger, string eventId, string retryNum, string retryReason);

    [LoggerMessage(3012, LogLevel.Error, "Could not bind Slack channel {Channel} to {Incident}; commands there need INC-n")]
    public static partial void BindFailed(ILogger logger, Exception exception, string incident, string channel);

    [LoggerMessage(3011, LogLevel.Information, "Slack ssl_check answered")]
    public static partial void SslCheck(ILogger logger);
}
