using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Http;

/// <summary>Log messages of the HTTP executor (event ids 4000-4099). Step ids, methods, hosts, status codes and
/// reasons only: never a URL path or query, header, body or secret.</summary>
internal static partial class HttpExecutorLog
{
    [LoggerMessage(4000, LogLevel.Information, "HTTP step {StepId}: {Method} {Host} -> {Status} in {ElapsedMs} ms after {Attempts} attempt(s)")]
    public static partial void StepCompleted(ILogger logger, string stepId, string method, string host, int status, long elapsedMs, int attempts);

    [LoggerMessage(4001, LogLevel.Warning, "HTTP step {StepId}: {Method} {Host} failed after {Attempts} attempt(s): {Reason}")]
    public static partial void StepFailed(ILogger logger, string stepId, string method, string host, int attempts, string reason);

    [LoggerMessage(4002, LogLevel.Warning, "HTTP step {StepId} not sent: {Reason}")]
    public static partial void StepNotSent(ILogger logger, string stepId, string reason);

    [LoggerMessage(4003, LogLevel.Information, "HTTP step {StepId}: retry {Attempt} in {DelayMs} ms after {Outcome}")]
    public static partial void Retrying(ILogger logger, string stepId, int attempt, long delayMs, string outcome);

    [LoggerMessage(4004, LogLevel.Warning, "Circuit for host {Host} opened for {BreakMs} ms after {Outcome}")]
    public static partial void CircuitOpened(ILogger logger, string host, long breakMs, string outcome);

    [LoggerMessage(4005, LogLevel.Information, "Circuit for host {Host} closed")]
    public static partial void CircuitClosed(ILogger logger, string host);
}
