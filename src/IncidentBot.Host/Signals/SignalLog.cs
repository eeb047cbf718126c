namespace IncidentBot.Host.Signals;

/// <summary>Source-generated log messages of signal intake (event ids 1100-1119). Never a raw payload above Debug.</summary>
internal static partial class SignalLog
{
    [LoggerMessage(1100, LogLevel.Information, "Signal {Source}/{Status} for group {GroupKey}: {Outcome} {IncidentId}")]
    public static partial void Accepted(ILogger logger, string source, string status, string groupKey, string outcome, string? incidentId);

    [LoggerMessage(1101, LogLevel.Warning, "Refused signal on {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string reason);
}
