namespace IncidentBot.Host.Telemetry;

/// <summary>Log lines of the bot's own telemetry (event ids 1200-1299).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(1200, LogLevel.Warning, "Metrics sample failed: the store did not answer; the gauges keep the last figures")]
    public static partial void SampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(1201, LogLevel.Information, "Metrics served at {Path} on the management URLs {Urls} only")]
    public static partial void ManagementPort(ILogger logger, string path, string urls);
}
