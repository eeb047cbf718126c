using IncidentBot.Integrations.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;
using Polly.Timeout;

namespace IncidentBot.Integrations.Http;

/// <summary>
/// The pipeline of each request inside an <c>http</c> step: a circuit breaker, then the attempt timeout. It sits in
/// the named client's handler chain (<c>AddResilienceHandler(</c><see cref="Name"/><c>)</c>) with one instance per
/// authority (<c>scheme://host[:port]</c>, <c>SelectPipelineByAuthority</c>), so every step that calls a host shares
/// that host's breaker and no other host is affected. The attempt timeout is read from the caller's
/// <see cref="ResilienceContext"/> (<see cref="HttpExecutorPipelines.AttemptTimeout"/>, handed over with
/// <c>HttpRequestMessage.SetResilienceContext</c>; 10 s without one). Options are read when a host's pipeline is first built.
/// </summary>
internal static class HttpExecutorHostPipeline
{
    /// <summary>The resilience handler's name (Polly's telemetry shows it, with the authority as the instance).</summary>
    public const string Name = "http-host";

    /// <summary>Builds the pipeline of one host, <see cref="ResilienceHandlerContext.InstanceName"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<ExecutorOptions>>().Value.Http;
        var logger = services.GetRequiredService<ILogger<HttpExecutor>>();
        var host = context.InstanceName;
        builder.TimeProvider = services.GetRequiredService<TimeProvider>();
        // Polly's metrics stay; its log lines go: they write an exception's message, which may hold the rendered URL
        // (a secret in the path or query). Our own lines (HttpExecutorLog) name the host only.
        builder.ConfigureTelemetry(new TelemetryOptions(services.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            LoggerFactory = NullLoggerFactory.Instance,
        });
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
                HttpExecutorLog.CircuitOpened(logger, host, (long)a.BreakDuration.TotalMilliseconds, Transient.Describe(a.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                HttpExecutorLog.CircuitClosed(logger, host);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "attempt-timeout",
            TimeoutGenerator = a => ValueTask.FromResult(a.Context.Properties.GetValue(HttpExecutorPipelines.AttemptTimeout, TimeSpan.FromSeconds(10))),
        });
    }
}
