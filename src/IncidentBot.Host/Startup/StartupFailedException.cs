namespace IncidentBot.Host.Startup;

/// <summary>
/// The bot cannot start, for reasons an operator can fix: one line per problem, each naming the setting or path and
/// what to do, and the exit code to leave with (<see cref="ExitCodes"/>). <c>BotApp.RunAsync</c> prints it.
/// </summary>
public sealed class StartupFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StartupFailedException(int exitCode, string headline, IReadOnlyList<string> problems, Exception? innerException = null)
        : base(headline + (problems.Count == 0 ? "" : " " + string.Join(" ", problems)), innerException)
    {
        ArgumentNullException.ThrowIfNull(problems);
        (ExitCode, Headline, Problems) = (exitCode, headline, problems);
    }

    /// <summary>Creates the exception.</summary>
    public StartupFailedException() : this(ExitCodes.CheckFailed, "IncidentBot could not start.", []) { }

    /// <summary>Creates the exception.</summary>
    public StartupFailedException(string message) : this(ExitCodes.CheckFailed, message, []) { }

    /// <summary>Creates the exception.</summary>
    public StartupFailedException(string message, Exception innerException) : this(ExitCodes.CheckFailed, message, [], innerException) { }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>What could not be done ("IncidentBot will not start: the configuration is invalid.").</summary>
    public string Headline { get; }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The headline and the problems, as printed on standard error.</summary>
    public IEnumerable<string> Lines => [Headline, .. Problems.Select(p => "  " + p)];
}
