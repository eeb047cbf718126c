namespace IncidentBot.Host.Startup;

/// <summary>
/// Exit codes of the <c>incidentbot</c> executable (README, "Exit codes"). A start-up failure always prints one line
/// per problem on standard error and exits with one of these; never a stack trace.
/// </summary>
public static class ExitCodes
{
    /// <summary>Stopped normally, or a tool's check passed.</summary>
    public const int Ok = 0;

    /// <summary>A tool's check failed (<c>runbook lint</c> found problems, <c>evidence verify</c> found an altered event, <c>readiness</c> found a failing point),
    /// or <c>serve</c> failed in a way not listed below (the line names the exception).</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line, the configuration or the runbooks are invalid; nothing was touched.</summary>
    public const int Invalid = 2;

    /// <summary>The evidence store cannot be created or opened (<c>Storage:DatabasePath</c>).</summary>
    public const int StoreUnavailable = 3;

    /// <summary>The web host cannot listen on its address (port in use, not permitted).</summary>
    public const int CannotListen = 4;
}
