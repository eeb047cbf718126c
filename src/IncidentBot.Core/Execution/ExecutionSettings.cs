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

    /// <summary>Settings drills use instead of <see cref="Settings"/> (<c>Executors:DrillSettings</c>): where a practice
    /// incident's steps and checks go, a staging deploy system or the practice service, never production. A drill never
    /// falls back to <see cref="Settings"/>: a placeholder this does not set refuses the drill. Default: none (in
    /// Development with the practice service on, the practice service's URLs on the bot's own address).</summary>
    public Dictionary<string, string> DrillSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The settings an incident's steps and checks use: <see cref="DrillSettings"/> for a drill, else
    /// <see cref="Settings"/>.</summary>
    public IReadOnlyDictionary<string, string> SettingsFor(Incidents.Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.IsDrill ? DrillSettings : Settings;
    }

    /// <summary>Secrets, e.g. <c>deploy_token</c>, each at least <see cref="SecretRedactor.MinimumLength"/> characters (checked at start-up). Default: none.</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
}
