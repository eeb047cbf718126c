using IncidentBot.Core.Verification;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Checks;

/// <summary>Log messages of the verification checks (event ids 4200-4299). Kinds, ids and statuses only: never a URL,
/// query, body or secret.</summary>
internal static partial class CheckLog
{
    [LoggerMessage(4200, LogLevel.Debug, "{Kind} check {CheckId} polled: {Status}")]
    public static partial void Polled(ILogger logger, string kind, string checkId, CheckStatus status);
}
