namespace IncidentBot.Integrations.Http;

/// <summary>
/// Resilience of <c>http</c> steps (section <c>Executors:Http</c>). The step's own <c>timeout_seconds</c> bounds the
/// whole step, retries and waits included; these settings shape what happens inside that limit.
/// </summary>
public sealed class HttpExecutorOptions
{
    /// <summary>Retries after the first attempt, for idempotent steps only (0..10). Default 3 (at most 4 requests).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles each retry, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest <c>Retry-After</c> the executor honours; a longer one is cut to this. Default 10 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one request, capped by the step's limit. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Circuit breaker per host (scheme, host and port): it opens when at least this many requests to the host were
    /// made within <see cref="BreakerSamplingDuration"/> and <see cref="BreakerFailureRatio"/> of them failed
    /// transiently (connection error, attempt timeout, 5xx, 429). Minimum 2. Default 5: with the default ratio of 1.0
    /// that is "5 transient failures in 30 s without a single success".
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>Share of failed requests, over the sampling window, that opens the breaker (0 &lt; r &lt;= 1). Default 1.0.</summary>
    public double BreakerFailureRatio { get; set; } = 1.0;

    /// <summary>The breaker's sampling window (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker rejects calls before it lets one through to test the host (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when every value is in range.</summary>
    internal bool IsValid =>
        MaxRetryAttempts is >= 0 and <= 10 && RetryBaseDelay >= TimeSpan.Zero && MaxRetryAfter >= TimeSpan.Zero &&
        AttemptTimeout > TimeSpan.Zero && BreakerMinimumThroughput >= 2 && BreakerFailureRatio is > 0 and <= 1 &&
        BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500) && BreakDuration >= TimeSpan.FromMilliseconds(500);
}
