using System.Net;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// A Bot Framework call (connector or token endpoint) that failed. The message names the operation, the error code
/// and the HTTP status only: never a token, the app password or a response body.
/// </summary>
public sealed class TeamsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TeamsApiException(string operation, string errorCode, HttpStatusCode? statusCode, bool isTransient,
        TimeSpan? retryAfter = null, bool outcomeUnknown = false, Exception? inner = null)
        : base(Describe(operation, errorCode, statusCode), inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>What was being done: <c>SendToConversation</c>, <c>ReplyToActivity</c>, <c>UpdateActivity</c> or
    /// <c>GetToken</c> (the bot's own token, see <see cref="BotTokenProvider"/>).</summary>
    public string Operation { get; }

    /// <summary>The connector's <c>ErrorResponse</c> <c>error.code</c> (<c>ConversationNotFound</c>,
    /// <c>BotNotInConversationRoster</c>, …) or the token endpoint's OAuth <c>error</c> (<c>invalid_client</c>, …) when
    /// the body carried one; else <c>http_NNN</c>, or one of <c>timeout</c>, <c>transport</c>, <c>invalid_response</c>,
    /// <c>service_url_refused</c>, <c>token_endpoint_refused</c>, <c>not_configured</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status when the server answered; null for timeouts, transport errors and refusals.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the failure may pass by itself (429, 412, 500, 502, 503, 504, timeouts, transport errors):
    /// the outbox tries again later. False for refusals that retrying will not cure (400, 401 after a fresh token,
    /// 403, 404, 413, bad credentials, a refused URL).</summary>
    public bool IsTransient { get; }

    /// <summary>How long the server asked us to wait (<c>Retry-After</c>), when it did. Set when the wait was longer
    /// than <c>Teams:MaxInPlaceRetryAfter</c> or the retries ran out: schedule the next try no earlier.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the request may have reached the connector but no answer came back (a timeout or a broken
    /// connection after sending). For a post the message may exist: retrying may show it twice.</summary>
    public bool OutcomeUnknown { get; }

    private static string Describe(string operation, string errorCode, HttpStatusCode? statusCode) =>
        statusCode is { } status
            ? $"Teams {operation} failed: {errorCode} (HTTP {(int)status})"
            : $"Teams {operation} failed: {errorCode}";
}
