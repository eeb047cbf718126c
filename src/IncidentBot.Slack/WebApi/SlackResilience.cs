using System.Net.Http;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Telemetry;
using IncidentBot.Slack.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// The named resilience pipeline every Slack Web API call runs in (<see cref="PipelineName"/>): an outer bounded
/// retry and an inner per-attempt timeout. Retried: transport errors, attempt timeouts, HTTP 5xx, HTTP 429 and
/// <c>ok:false ratelimited</c>. A rate limit waits exactly <c>Retry-After</c> (1 s when Slack sends none); one longer
/// than <see cref="SlackOptions.MaxRetryAfter"/> is not waited for in the call: the <see cref="SlackApiException"/>
/// carrying it goes to the caller (the outbox reschedules the message for that time). Anything else backs off
/// exponentially with jitter. Every other <c>ok:false</c> answer is final.
/// </summary>
/// <remarks>
/// Stays hand-wired rather than in the client's <c>AddResilienceHandler</c>: what is retried, and how long to wait, is
/// decided on Slack's answer body (<c>ok:false</c> with <c>ratelimited</c> arrives with HTTP 200), which the attempt
/// timeout covers and the call parses into the <see cref="SlackApiException"/> (with its <c>RetryAfter</c>) that the
/// caller and the outbox act on; a handler only sees the response before its body is read.
/// </remarks>
public sealed class SlackResilience
{
    /// <summary>The pipeline's name (shows in Polly's telemetry).</summary>
    public const string PipelineName = "slack-web-api";

    /// <summary>First backoff delay when Slack did not say how long to wait. Doubles per retry, with jitter.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Creates the pipeline from the options, with the default backoff.</summary>
    /// <param name="options">The surface's options (retries, timeouts).</param>
    /// <param name="time">The clock the backoff waits on.</param>
    /// <param name="logger">Where each retry is logged.</param>
    /// <param name="metrics">Counts each retry (<c>incidentbot.api.retries</c>); absent when telemetry is off.</param>
    public SlackResilience(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackResilience> logger, BotMetrics? metrics = null)
        : this(options?.Value!, time, logger, DefaultBaseDelay, metrics)
    {
    }

    /// <summary>Creates the pipeline with a chosen first backoff delay (tests use milliseconds).</summary>
    internal SlackResilience(SlackOptions options, TimeProvider time, ILogger logger, TimeSpan baseDelay, BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var builder = new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = PipelineName + "-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is SlackApiException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    SlackApiLog.Retrying(logger, Describe(args.Outcome.Exception), args.AttemptNumber + 2, args.RetryDelay); // AttemptNumber: the failed one, from 0
                    metrics?.CallRetried(Surfaces.Slack);
                    return ValueTask.CompletedTask;
                },
            });
        }
        Pipeline = builder.AddTimeout(new TimeoutStrategyOptions { Name = PipelineName + "-attempt-timeout", Timeout = options.CallTimeout }).Build();
    }

    /// <summary>The pipeline. Callbacks must build their <see cref="HttpRequestMessage"/> inside, once per attempt.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>Retried in the call: what may pass within seconds. Rate limits longer than the cap are the outbox's job.</summary>
    internal static bool ShouldRetry(Exception? exception, TimeSpan maxRetryAfter) => exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        SlackApiException { RetryAfter: { } wait } when wait > maxRetryAfter => false,
        SlackApiException e => e.ErrorCode is "http_429" or "ratelimited" or "rate_limited" || e.ErrorCode.StartsWith("http_5", StringComparison.Ordinal),
        _ => false,
    };

    private static string Describe(Exception? exception) => exception switch
    {
        SlackApiException e => e.Method + " " + e.ErrorCode,
        TimeoutRejectedException => "timeout",
        HttpRequestException e => "transport " + (e.HttpRequestError.ToString()),
        null => "none",
        _ => exception.GetType().Name,
    };
}
