namespace IncidentBot.Slack.WebApi;

/// <summary>A Slack Web API failure: an <c>ok:false</c> answer (<see cref="ErrorCode"/>), or retries used up
/// (<see cref="RetryAfter"/> set when Slack said how long to wait).</summary>
public sealed class SlackApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlackApiException(string method, string errorCode, TimeSpan? retryAfter = null, Exception? inner = null)
        : base($"Slack {method} failed: {errorCode}", inner)
    {
        Method = method;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The Web API method, e.g. <c>chat.postMessage</c>.</summary>
    public string Method { get; }

    /// <summary>Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>, …) or <c>http_503</c>, <c>timeout</c>, <c>transport</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>How long Slack asked us to wait, when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for failures that may pass (transport, timeout, 5xx, rate limits): the outbox retries them later.
    /// Anything else (a bad channel, a revoked token) will not get better by retrying.</summary>
    public bool IsTransient => ErrorCode is "transport" or "timeout" or "ratelimited" or "rate_limited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
                               || ErrorCode.StartsWith("http_5", StringComparison.Ordinal) || ErrorCode == "http_429";
}
