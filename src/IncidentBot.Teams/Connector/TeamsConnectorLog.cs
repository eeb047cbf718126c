using System.Net;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Connector;

/// <summary>Log messages of the connector client and the token provider (event ids 7300-7319). Never a token, the
/// app password, an <c>Authorization</c> header or a response body.</summary>
internal static partial class TeamsConnectorLog
{
    [LoggerMessage(7300, LogLevel.Debug, "Teams {Operation} ok ({Status})")]
    public static partial void CallSucceeded(ILogger logger, string operation, int status);

    [LoggerMessage(7301, LogLevel.Information, "Teams call failed ({Failure}); attempt {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string failure, int attempt, TimeSpan delay);

    [LoggerMessage(7302, LogLevel.Warning, "Teams {Operation} gave up: {ErrorCode} HTTP {Status} (transient {IsTransient}, outcome unknown {OutcomeUnknown}, retry after {RetryAfter})")]
    public static partial void CallFailed(ILogger logger, string operation, string errorCode, HttpStatusCode? status, bool isTransient, bool outcomeUnknown, TimeSpan? retryAfter);

    [LoggerMessage(7303, LogLevel.Information, "Teams connector refused the bot's token on {Operation}; trying once more with a fresh one")]
    public static partial void TokenRefused(ILogger logger, string operation);

    [LoggerMessage(7304, LogLevel.Warning, "Teams {Operation} refused: service URL {Scheme}://{Host} is neither https nor loopback")]
    public static partial void ServiceUrlRefused(ILogger logger, string operation, string scheme, string host);

    [LoggerMessage(7305, LogLevel.Warning, "Teams {Operation} accepted ({Status}) without naming the new activity")]
    public static partial void NoActivityId(ILogger logger, string operation, int status);

    [LoggerMessage(7310, LogLevel.Debug, "Bot Framework token fetched, valid {Lifetime}, used until {RefreshAt}")]
    public static partial void TokenFetched(ILogger logger, TimeSpan lifetime, DateTimeOffset refreshAt);

    [LoggerMessage(7311, LogLevel.Warning, "Bot Framework token request failed: {ErrorCode} HTTP {Status} (transient {IsTransient})")]
    public static partial void TokenFailed(ILogger logger, string errorCode, HttpStatusCode? status, bool isTransient);

    [LoggerMessage(7312, LogLevel.Error, "Bot Framework token endpoint {Scheme}://{Host} refused: neither https nor loopback; the password is not sent")]
    public static partial void TokenEndpointRefused(ILogger logger, string scheme, string host);

    [LoggerMessage(7313, LogLevel.Debug, "Cached Bot Framework token dropped")]
    public static partial void TokenDropped(ILogger logger);
}
