namespace IncidentBot.Integrations.Checks;

/// <summary>Configuration of the automatic verification checks (section <c>Checks</c>).</summary>
public sealed class CheckOptions
{
    /// <summary>The configuration section: <c>Checks</c>.</summary>
    public const string SectionName = "Checks";

    /// <summary>Time limit of one poll (request and body). Default 10 s. A poll is never retried: the next poll is the retry.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body a check reads. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
