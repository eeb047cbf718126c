using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Endpoints;

/// <summary>Log messages of the Teams endpoint (event ids 7200-7299). Ids and codes only: never a token or message text.</summary>
internal static partial class TeamsInboundLog
{
    [LoggerMessage(7200, LogLevel.Warning, "Refused a Teams request to {Path}: {Problem}")]
    public static partial void Malformed(ILogger logger, string path, string problem);

    [LoggerMessage(7201, LogLevel.Information, "Teams {Kind} {Verb} on {Incident}: {Outcome}")]
    public static partial void CommandHandled(ILogger logger, string kind, string verb, string incident, string outcome);

    [LoggerMessage(7202, LogLevel.Error, "Teams {Kind} {Verb} failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string kind, string verb);

    [LoggerMessage(7203, LogLevel.Debug, "Ignored a Teams {Type} activity ({Why})")]
    public static partial void Ignored(ILogger logger, string type, string why);

    [LoggerMessage(7204, LogLevel.Information, "IncidentBot was added to Teams conversation {Conversation}")]
    public static partial void Installed(ILogger logger, string conversation);

    [LoggerMessage(7205, LogLevel.Warning, "Could not answer a Teams message in {Conversation} ({ErrorCode})")]
    public static partial void ReplyFailed(ILogger logger, string conversation, string errorCode);
}
