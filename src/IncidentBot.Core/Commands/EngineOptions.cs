namespace IncidentBot.Core.Commands;

/// <summary>Engine settings. Section <c>Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Engine";

    /// <summary>How far back before a declaration the triage card lists changes to the service. Default 24 hours.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Runbook used when a declaration names none and none matches the service. Default: none (the person must choose).</summary>
    public string? DefaultRunbook { get; set; }
}
