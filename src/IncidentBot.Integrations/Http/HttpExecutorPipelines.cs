using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace IncidentBot.Integrations.Http;

/// <summary>
/// The named Polly pipelines of <see cref="HttpExecutor"/>. A step runs <c>http-step/idempotent</c> (step timeout,
/// bounded retry of transient failures honouring <c>Retry-After</c>) or <c>http-step/once</c> (step timeout only: a
/// step that is not idempotent may change production, so it is sent exactly once). Each request inside runs the
/// pipeline of its host, <c>http-host/{scheme://host:port}</c> (circuit breaker, then the attempt timeout), shared by
/// every step that calls that host. Options are read when a pipeline is first built.
/// </summary>
internal sealed class HttpExecutorPipelines : IDisposable
{
    public const string Idempotent = "http-step/idempotent";
    public const string Once = "http-step/once";

    public static readonly ResiliencePropertyKey<TimeSpan> StepTimeout = new("incidentbot.step-timeout");
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("incidentbot.attempt-timeout");
    public static readonly ResiliencePropertyKey<string> StepId = new("incidentbot.step-id");

    private readonly ResiliencePipelineRegistry<string> registry = new();
    private readonly HttpExecutorOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public HttpExecutorPipelines(IOptions<Execution.ExecutorOptions> options, TimeProvider time, ILogger<HttpExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.options, this.time, this.logger) = (options.Value.Http, time, logger);
        registry.TryAddBuilder<HttpResponseMessage>(Idempotent, (b, _) => BuildStep(b, retry: true));
        registry.TryAddBuilder<HttpResponseMessage>(Once, (b, _) => BuildStep(b, retry: false));
    }

    public ResiliencePipeline<HttpResponseMessage> ForStep(bool idempotent) =>
        registry.GetPipeline<HttpResponseMessage>(idempotent ? Idempotent : Once);

    public ResiliencePipeline<HttpResponseMessage> ForHost(string hostKey) =>
        registry.GetOrAddPipeline<HttpResponseMessage>("http-host/" + hostKey, b => BuildHost(b, hostKey));

    public void Dispose() => registry.Dispose();

    private void BuildStep(ResiliencePipelineBuilder<HttpResponseMessage> builder, bool retry)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "step-timeout",
            TimeoutGenerator = a => ValueTask.FromResult(a.Context.Properties.GetValue(StepTimeout, TimeSpan.FromSeconds(30))),
        });
        if (!retry || options.MaxRetryAttempts == 0) return;
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "transient-retry",
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryAfter,
            ShouldHandle = a => ValueTask.FromResult(Transient.IsTransient(a.Outcome)),
            DelayGenerator = a => ValueTask.FromResult(Transient.RetryAfter(a.Outcome.Result, time.GetUtcNow()) is { } after
                ? (TimeSpan?)(after < options.MaxRetryAfter ? after : options.MaxRetryAfter)
                : null),
            OnRetry = a =>
            {
                HttpExecutorLog.Retrying(logger, a.Context.Properties.GetValue(StepId, "?"), a.AttemptNumber + 1,
                    (long)a.RetryDelay.TotalMilliseconds, Describe(a.Outcome));
                return ValueTask.CompletedTask;
            },
        });
    }

    private void BuildHost(ResiliencePipelineBuilder<HttpResponseMessage> builder, string hostKey)
    {
        builder.TimeProvider = time;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "host-breaker",
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = a => ValueTask.FromResult(Transient.IsTransient(a.Outcome)),
            OnOpened = a =>
            {
                HttpExecutorLog.CircuitOpened(logger, hostKey, (long)a.BreakDuration.TotalMilliseconds, Describe(a.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                HttpExecutorLog.CircuitClosed(logger, hostKey);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "attempt-timeout",
            TimeoutGenerator = a => ValueTask.FromResult(a.Context.Properties.GetValue(AttemptTimeout, TimeSpan.FromSeconds(10))),
        });
    }

    /// <summary>Status code or exception type only: never a URL, header or body (they may carry secrets).</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : outcome.Exception?.GetType().Name ?? "unknown";
}
