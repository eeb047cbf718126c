namespace IncidentBot.Host.Practice;

/// <summary>Source-generated log messages of the practice system (event ids 1120-1139).</summary>
internal static partial class PracticeLog
{
    [LoggerMessage(1120, LogLevel.Information, "Practice system at /practice: support-assistant prompt {Prompt}, retrieval {Retrieval}")]
    public static partial void Enabled(ILogger logger, string prompt, string retrieval);

    [LoggerMessage(1121, LogLevel.Information, "Practice deploy {Layer} {Previous} -> {Version}")]
    public static partial void Deployed(ILogger logger, string layer, string previous, string version);

    [LoggerMessage(1122, LogLevel.Information, "Practice control {Control} on {Path}: {Enabled}")]
    public static partial void ControlSet(ILogger logger, string control, string path, bool enabled);

    [LoggerMessage(1123, LogLevel.Warning, "Practice:Enabled is set outside Development; the practice system stays off")]
    public static partial void IgnoredOutsideDevelopment(ILogger logger);

    [LoggerMessage(1124, LogLevel.Information, "Practice settings follow the bot's address {Address}: Executors:Settings deploy_url, control_url, prometheus_url and health_url point at its /practice unless set explicitly")]
    public static partial void SettingsFollowTheBot(ILogger logger, string address);
}
