using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace IncidentBot.Integrations.Http;

/// <summary>
/// The step pipelines of <see cref="HttpExecutor"/>. A step runs <c>http-step/idempotent</c> (step timeout,
/// bounded retry of transient failures honouring <c>Retry-After</c>) or <c>http-step/once</c> (step timeout only: a
/// step that is not idempotent may change production, so it is sent exactly once). Each request inside goes through
/// the named client, whose resilience handler runs the pipeline of its host (<see cref="HttpExecutorHostPipeline"/>:
/// circuit breaker, then the attempt timeout). Options are read when a pipeline is first built.
/// </summary>
/// <remarks>
/// These stay hand-wired rather than in the client's <c>AddResilienceHandler</c>: the policy is chosen per call by the
/// step (its own <c>timeout_seconds</c>, retried or sent once by its <c>idempotent</c> flag), and the evidence counts
/// the requests the step really sent around the whole run, retries and waits included.
/// </remarks>
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
                    (long)a.RetryDelay.TotalMilliseconds, Transient.Describe(a.Outcome));
                return ValueTask.CompletedTask;
            },
        });
    }
}
