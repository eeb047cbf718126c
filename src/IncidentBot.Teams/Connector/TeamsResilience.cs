using IncidentBot.Core.Evidence;
using IncidentBot.Core.Telemetry;
using IncidentBot.Teams.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// The resilience pipeline every connector call runs in (<see cref="PipelineName"/>), built once: an outer bounded
/// retry (<see cref="TeamsOptions.MaxRetries"/>) and an inner per-attempt timeout (<see cref="TeamsOptions.CallTimeout"/>).
/// Retried: 429 waiting exactly <c>Retry-After</c> when it is at most <see cref="TeamsOptions.MaxInPlaceRetryAfter"/>
/// (a longer one goes back to the caller in <see cref="TeamsApiException.RetryAfter"/>, for the outbox to reschedule);
/// 412, 500, 502, 503, 504 and transient token failures with exponential backoff and jitter; timeouts and transport
/// errors only when repeating cannot post twice (see <see cref="ShouldRetry"/>). Everything else is final.
/// </summary>
/// <remarks>
/// Stays hand-wired rather than in the client's <c>AddResilienceHandler</c>: one attempt is more than one HTTP request
/// (the bot token is fetched, or waited for, inside the attempt and its timeout), whether a timeout is retried depends
/// on per-call state a handler cannot see (is the call idempotent, has this attempt's POST left:
/// <see cref="ConnectorAttempt"/>), and the 401 refresh runs the whole pipeline again with a new token.
/// </remarks>
public sealed class TeamsResilience
{
    /// <summary>The pipeline's name (shows in Polly's telemetry).</summary>
    public const string PipelineName = "teams-connector";

    /// <summary>First backoff delay when the connector did not say how long to wait. Doubles per retry, with jitter.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Where a call puts its <see cref="ConnectorAttempt"/> for <see cref="ShouldRetry"/> to read.</summary>
    internal static readonly ResiliencePropertyKey<ConnectorAttempt> AttemptKey = new("teams-connector-attempt");

    /// <summary>Creates the pipeline from the options, with the default backoff.</summary>
    /// <param name="options">The surface's options (retries, timeouts).</param>
    /// <param name="time">The clock the backoff waits on.</param>
    /// <param name="logger">Where each retry is logged.</param>
    /// <param name="metrics">Counts each retry (<c>incidentbot.api.retries</c>); absent when telemetry is off.</param>
    public TeamsResilience(IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsResilience> logger, BotMetrics? metrics = null)
        : this(options?.Value!, time, logger, DefaultBaseDelay, metrics)
    {
    }

    /// <summary>Creates the pipeline with a chosen first backoff delay (tests use milliseconds).</summary>
    internal TeamsResilience(TeamsOptions options, TimeProvider time, ILogger logger, TimeSpan baseDelay, BotMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero);
        var maxWait = options.MaxInPlaceRetryAfter;
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
                MaxDelay = maxWait > baseDelay ? maxWait : baseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(args.Outcome.Exception, args.Context.Properties.GetValue(AttemptKey, null!), maxWait)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is TeamsApiException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    TeamsConnectorLog.Retrying(logger, Describe(args.Outcome.Exception), args.AttemptNumber + 2, args.RetryDelay); // AttemptNumber: the failed one, from 0
                    metrics?.CallRetried(Surfaces.Teams);
                    return ValueTask.CompletedTask;
                },
            });
        }
        Pipeline = builder.AddTimeout(new TimeoutStrategyOptions { Name = PipelineName + "-attempt-timeout", Timeout = options.CallTimeout }).Build();
    }

    /// <summary>The pipeline. Callbacks must build their <see cref="HttpRequestMessage"/> inside, once per attempt, and
    /// should put a <see cref="ConnectorAttempt"/> under <see cref="AttemptKey"/> in the context.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Retried in place: what may pass within seconds and cannot post a message twice.
    /// A POST that creates a message is not idempotent (the connector takes no idempotency key). When the connector
    /// answered with a status, it told us what happened, so 429/412/5xx are retried as Teams' docs ask. When it did not
    /// (the attempt timed out, or the connection broke after the request left), the message may already be in the
    /// channel: repeating it here would multiply the risk by the retry count within seconds, into the channel people
    /// are reading during an incident. So a POST is repeated in place only when its attempt never reached the network
    /// (token fetch still running, connection refused, DNS or TLS failure); otherwise the transient exception (marked
    /// <see cref="TeamsApiException.OutcomeUnknown"/>) goes to the outbox, which retries once later (at least once beats
    /// never for incident updates). A PUT replaces the same activity, so it is always retried.
    /// The Slack client retries <c>chat.postMessage</c> after timeouts too; Teams chooses otherwise for the reason above.
    /// </summary>
    internal static bool ShouldRetry(Exception? exception, ConnectorAttempt? attempt, TimeSpan maxRetryAfter) => exception switch
    {
        TeamsApiException { RetryAfter: { } wait } when wait > maxRetryAfter => false,
        TeamsApiException { OutcomeUnknown: true } => attempt?.Idempotent == true,
        TeamsApiException e => e.IsTransient,
        TimeoutRejectedException => attempt is not null && (attempt.Idempotent || !attempt.Sent),
        _ => false,
    };

    private static string Describe(Exception? exception) => exception switch
    {
        TeamsApiException e => e.Operation + " " + e.ErrorCode,
        TimeoutRejectedException => "timeout",
        null => "none",
        _ => exception.GetType().Name,
    };
}
