using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.WebApi;

/// <summary>Log messages of the Slack Web API client (event ids 3500-3599). Never the token or a header value.</summary>
internal static partial class SlackApiLog
{
    [LoggerMessage(3500, LogLevel.Debug, "Slack {Method} ok")]
    public static partial void CallSucceeded(ILogger logger, string method);

    [LoggerMessage(3501, LogLevel.Warning, "Slack {Method} answered ok:false {ErrorCode}")]
    public static partial void CallRefused(ILogger logger, string method, string errorCode);

    [LoggerMessage(3502, LogLevel.Information, "Slack call failed ({Failure}); attempt {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string failure, int attempt, TimeSpan delay);

    [LoggerMessage(3503, LogLevel.Warning, "Slack {Method} gave up: {ErrorCode} (retry after {RetryAfter})")]
    public static partial void CallFailed(ILogger logger, string method, string errorCode, TimeSpan? retryAfter);
}
