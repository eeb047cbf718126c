using System.Globalization;
using IncidentBot.Core.Execution;
using IncidentBot.Integrations.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IncidentBot.Integrations.Http;

/// <summary>
/// The <c>http</c> step: renders the step's request from its template (<see cref="StepValues"/>), sends it with an
/// <c>Idempotency-Key</c> (lower-case hex SHA-256 of <c>incidentId:attempt:stepId</c>), within the step's
/// <c>timeout_seconds</c>. Idempotent steps are retried on transient failures (connection error, timeout, 5xx, 429;
/// bounded, honouring <c>Retry-After</c>); other steps are sent exactly once. A circuit breaker per host makes calls
/// to a failing host fail fast. 2xx is success, anything else a failure; the summary is evidence:
/// <c>POST http://host:port/path?token={{secret.deploy_token}} -> 200 OK in 123 ms; attempts 2; response: {first 300 chars}</c>:
/// the URL as its template with secrets left as placeholders, request headers and body never included, and every form
/// of every secret redacted from the whole line (<see cref="SecretRedactor"/>), the server's answer and error texts
/// included. An unexpected exception leaves as a <see cref="RedactedException"/>.
/// </summary>
public sealed class HttpExecutor : IExecutor
{
    /// <summary>
    /// The named <see cref="HttpClient"/> (no automatic redirects, no client-side timeout: Polly owns time). Its
    /// resilience handler runs <see cref="HttpExecutorHostPipeline"/>, one instance per authority.
    /// </summary>
    public const string ClientName = "IncidentBot.Integrations.HttpExecutor";

    private readonly IHttpClientFactory clients;
    private readonly StepValues stepValues;
    private readonly HttpExecutorPipelines pipelines;
    private readonly HttpExecutorOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<HttpExecutor> logger;

    internal HttpExecutor(IHttpClientFactory clients, StepValues stepValues, HttpExecutorPipelines pipelines,
        IOptions<ExecutorOptions> options, TimeProvider time, ILogger<HttpExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.clients, this.stepValues, this.pipelines, this.options, this.time, this.logger) =
            (clients, stepValues, pipelines, options.Value.Http, time, logger);
    }

    /// <inheritdoc />
    public string Kind => "http";

    /// <inheritdoc />
    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = context.Step;
        var values = stepValues.For(context);
        var redactor = SecretRedactor.For(values);
        var (request, error) = HttpStepRequest.Create(context, values);
        if (request is null)
        {
            HttpExecutorLog.StepNotSent(logger, step.Id, redactor.Redact(error!));
            return new StepOutcome(false, redactor.Redact($"{step.Id}: not sent: {error}."));
        }
        try
        {
            return await SendAsync(context, request, redactor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not an expected failure (those are outcomes): its text may still hold the rendered URL.
            throw new RedactedException($"HTTP step {step.Id}", e, redactor);
        }
    }

    private async Task<StepOutcome> SendAsync(StepContext context, HttpStepRequest request, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var step = context.Step;
        var host = redactor.Redact(request.HostKey);

        var stepTimeout = TimeSpan.FromSeconds(step.TimeoutSeconds > 0 ? step.TimeoutSeconds : 30);
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        resilience.Properties.Set(HttpExecutorPipelines.StepTimeout, stepTimeout);
        resilience.Properties.Set(HttpExecutorPipelines.AttemptTimeout, options.AttemptTimeout < stepTimeout ? options.AttemptTimeout : stepTimeout);
        resilience.Properties.Set(HttpExecutorPipelines.StepId, step.Id);
        var attempt = new Attempts(request, clients.CreateClient(ClientName));
        var started = time.GetTimestamp();
        var head = $"{request.Method} {request.UrlText}";
        try
        {
            using var response = await pipelines.ForStep(step.Idempotent)
                .ExecuteAsync(static (ctx, a) => a.SendAsync(ctx), resilience, attempt).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = Ms(started);
            var ok = response.IsSuccessStatusCode;
            var line = $"{head} -> {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()} in {elapsed} ms; " +
                $"attempts {attempt.Count}{NotRetried(ok, step.Idempotent)}; response: {EvidenceText.Excerpt(body, redactor)}";
            if (ok) HttpExecutorLog.StepCompleted(logger, step.Id, request.Method.Method, host, (int)response.StatusCode, elapsed, attempt.Count);
            else HttpExecutorLog.StepFailed(logger, step.Id, request.Method.Method, host, attempt.Count, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return new StepOutcome(ok, redactor.Redact(line));
        }
        catch (Exception e) when (Failure(e, cancellationToken, stepTimeout, host) is { } reason)
        {
            HttpExecutorLog.StepFailed(logger, step.Id, request.Method.Method, host, attempt.Count, e.GetType().Name);
            var line = $"{head} -> {reason}; attempts {attempt.Count} in {Ms(started)} ms{NotRetried(false, step.Idempotent)}" +
                (!step.Idempotent && MayHaveArrived(e) ? "; the request may have been applied: check before running it again" : "");
            return new StepOutcome(false, redactor.Redact(line));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>The evidence text of an expected failure, or null for one that must propagate (the caller cancelled).</summary>
    private static string? Failure(Exception e, CancellationToken cancellationToken, TimeSpan stepTimeout, string host) => e switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        BrokenCircuitException b => $"circuit open for host {host} after repeated transient failures; not sent" +
            (b.RetryAfter is { } after ? $" (the host is tried again in {Math.Ceiling(after.TotalSeconds):0} s)" : ""),
        TimeoutRejectedException t => $"timed out (limit {t.Timeout.TotalSeconds:0.###} s of a {stepTimeout.TotalSeconds:0.###} s step)",
        HttpRequestException h => $"connection failed: {h.HttpRequestError}: {h.Message}",
        OperationCanceledException => "timed out",
        _ => null,
    };

    /// <summary>A timeout or a broken connection after sending leaves the effect unknown; a refused connection does not.</summary>
    private static bool MayHaveArrived(Exception e) =>
        e is TimeoutRejectedException || (e is HttpRequestException h && h.HttpRequestError != HttpRequestError.ConnectionError);

    private static string NotRetried(bool ok, bool idempotent) => ok || idempotent ? "" : " (not retried: the step is not idempotent)";

    private long Ms(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>
    /// One request per call, in the step's resilience context so that the client's resilience handler (the host's
    /// breaker and attempt timeout, <see cref="HttpExecutorHostPipeline"/>) reads the attempt timeout; counts what was
    /// actually sent (a request the open breaker refused never left).
    /// </summary>
    private sealed class Attempts(HttpStepRequest request, HttpClient client)
    {
        private readonly HttpStepRequest request = request;
        private readonly HttpClient client = client;
        private int count;

        public int Count => Volatile.Read(ref count);

        public async ValueTask<HttpResponseMessage> SendAsync(ResilienceContext context)
        {
            using var message = request.ToMessage();
            message.SetResilienceContext(context);
            Interlocked.Increment(ref count);
            try
            {
                return await client.SendAsync(message, context.CancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                Interlocked.Decrement(ref count);
                throw;
            }
        }
    }
}
