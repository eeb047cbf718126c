using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Authentication;

/// <summary>Log messages of Bot Framework request authentication (event ids 7100-7199). One line per refusal, with
/// the reason only: never the token, the <c>Authorization</c> header or anything else a caller could replay.</summary>
internal static partial class BotFrameworkAuthLog
{
    [LoggerMessage(7100, LogLevel.Warning, "Bot Framework request refused (401): {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(7101, LogLevel.Warning, "Bot Framework activity refused (401): {Reason}")]
    public static partial void ActivityRefused(ILogger logger, string reason);

    [LoggerMessage(7102, LogLevel.Information, "Bot Framework signing keys fetched: {KeyCount} key(s) from {Host}")]
    public static partial void KeysFetched(ILogger logger, int keyCount, string host);

    [LoggerMessage(7103, LogLevel.Warning, "Bot Framework signing keys could not be fetched from {Host}: {Problem}")]
    public static partial void KeysUnavailable(ILogger logger, string host, string problem);

    [LoggerMessage(7104, LogLevel.Information, "A token names a signing key we do not have; fetching the Bot Framework keys again")]
    public static partial void UnknownKeyRefresh(ILogger logger);

    [LoggerMessage(7105, LogLevel.Warning, "Still using the Bot Framework signing keys fetched at {FetchedAt:O} until a refresh succeeds")]
    public static partial void UsingOlderKeys(ILogger logger, DateTimeOffset fetchedAt);
}
