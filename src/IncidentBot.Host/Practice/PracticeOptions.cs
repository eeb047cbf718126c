namespace IncidentBot.Host.Practice;

/// <summary>The built-in practice system (a fake governed AI service to run incidents against). Section <c>Practice</c>.</summary>
public sealed class PracticeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Practice";

    /// <summary>Maps <c>/practice</c>. Default false; on in <c>appsettings.Development.json</c>. Ignored outside
    /// Development: the practice system deploys on request without any key, so it never runs anywhere real.</summary>
    public bool Enabled { get; set; }
}
