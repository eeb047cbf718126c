using Microsoft.Extensions.Logging;

namespace IncidentBot.Host.Logging;

/// <summary>Source-generated log messages of the host (event ids 1000-1999). Never a secret, token or header value.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Evidence store at {StoreLocation}")]
    public static partial void StoreReady(ILogger logger, string storeLocation);

    [LoggerMessage(1001, LogLevel.Information, "Loaded {Count} runbooks from {Directory}")]
    public static partial void RunbooksLoaded(ILogger logger, int count, string directory);

    [LoggerMessage(1002, LogLevel.Error, "Runbook problem: {Problem}")]
    public static partial void RunbookProblem(ILogger logger, string problem);

    [LoggerMessage(1003, LogLevel.Information, "Local console at /console")]
    public static partial void ConsoleEnabled(ILogger logger);

    [LoggerMessage(1005, LogLevel.Information, "Slack is not configured (set Slack__SigningSecret and Slack__BotToken): console only")]
    public static partial void SlackNotConfigured(ILogger logger);

    [LoggerMessage(1006, LogLevel.Information, "Slack requests accepted at /slack/commands, /slack/interactions and /slack/events")]
    public static partial void SlackEnabled(ILogger logger);

    [LoggerMessage(1008, LogLevel.Information, "Teams is not configured (set Teams__AppId and Teams__AppPassword): no Teams")]
    public static partial void TeamsNotConfigured(ILogger logger);

    [LoggerMessage(1009, LogLevel.Information, "Teams activities accepted at {Path}")]
    public static partial void TeamsEnabled(ILogger logger, string path);

    [LoggerMessage(1010, LogLevel.Warning, "Outbox item {Id} ({Kind}/{Target}) failed on attempt {Attempt}: {Error}")]
    public static partial void OutboxItemFailed(ILogger logger, long id, string kind, string target, int attempt, string error);

    [LoggerMessage(1012, LogLevel.Error, "The outbox could not be read or updated; jobs wait until the store answers again")]
    public static partial void OutboxUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(1011, LogLevel.Information, "Outbox item {Id} ({Kind}/{Target}) done")]
    public static partial void OutboxItemDone(ILogger logger, long id, string kind, string target);

    [LoggerMessage(1020, LogLevel.Information, "{Surface} command {Verb} on {Incident}: {Outcome}")]
    public static partial void CommandHandled(ILogger logger, string surface, string verb, string incident, string outcome);

    [LoggerMessage(1030, LogLevel.Warning, "Incident projection row {Incident} disagrees with its events (row last seq {RowSeq}, stream last seq {StreamSeq}); serving the fold of the events. Run `incidentbot evidence verify`")]
    public static partial void ProjectionDisagrees(ILogger logger, string incident, long rowSeq, long streamSeq);

    [LoggerMessage(1031, LogLevel.Warning, "Incident projection row {Incident} has no events. Run `incidentbot evidence verify`")]
    public static partial void ProjectionWithoutEvents(ILogger logger, string incident);

    [LoggerMessage(1021, LogLevel.Warning, "Rejected API request to {Path}: {Reason}")]
    public static partial void ApiRejected(ILogger logger, string path, string reason);
}
