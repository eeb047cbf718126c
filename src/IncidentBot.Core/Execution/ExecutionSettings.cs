namespace IncidentBot.Core.Execution;

/// <summary>
/// Values runbook templates may use: <c>settings.NAME</c> and <c>secret.NAME</c> (section <c>Executors</c>:
/// <c>Settings</c> and <c>Secrets</c>). Secrets come from the environment or user secrets, never a committed file,
/// and are redacted from every summary that becomes evidence.
/// </summary>
public class ExecutionSettings
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Executors";

    /// <summary>Plain settings, e.g. <c>deploy_url</c>. Default: none.</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Settings drills use instead of Settings. Default: none.</summary>
    public Dictionary<string, string> DrillSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Secrets, e.g. <c>deploy_token</c>, each at least <see cref="SecretRedactor.MinimumLength"/> characters (checked at start-up). Default: none.</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
}
