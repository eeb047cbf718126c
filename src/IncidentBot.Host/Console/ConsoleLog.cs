namespace IncidentBot.Host.Console;

/// <summary>The console room's log lines (events 1160-1169).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(1160, LogLevel.Warning, "Console stream refused: {MaxStreams} streams are open already (Console:Room:MaxStreams)")]
    public static partial void StreamRefused(ILogger logger, int maxStreams);

    [LoggerMessage(1161, LogLevel.Information, "Console stream dropped: the client fell {Buffered} entries behind (Console:Room:BufferedEntries); it can reconnect from its last id")]
    public static partial void SlowStreamDropped(ILogger logger, int buffered);
}
