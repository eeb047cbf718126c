namespace IncidentBot.Host.Startup;

/// <summary>Start-up warnings of the host (event ids 1100-1149). Never a secret value.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(1100, LogLevel.Warning, "The local console is enabled outside Development: it acts as whichever person a request names, so expose it only on a trusted machine")]
    public static partial void ConsoleOutsideDevelopment(ILogger logger);

    [LoggerMessage(1101, LogLevel.Warning, "No API keys are configured in {Environment}: /api (and /api/signals) refuses every request (set Api__Keys__0)")]
    public static partial void NoApiKeys(ILogger logger, string environment);

    [LoggerMessage(1102, LogLevel.Warning, "Api:AllowAnonymous is true in {Environment}: anyone who reaches the bot can use /api (and /api/signals)")]
    public static partial void ApiAnonymous(ILogger logger, string environment);

    [LoggerMessage(1103, LogLevel.Warning, "{Surface} is enabled but no person is mapped to it (Governance:People:N:Identities:{Surface}): every {Surface} user is refused")]
    public static partial void NobodyMapped(ILogger logger, string surface);

    [LoggerMessage(1104, LogLevel.Warning, "{Problem}")]
    public static partial void TemplateNotConfigured(ILogger logger, string problem);
}
