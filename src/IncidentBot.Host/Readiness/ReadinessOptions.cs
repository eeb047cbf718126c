namespace IncidentBot.Host.Readiness;

/// <summary>Settings of the readiness report. Section <c>Readiness</c>.</summary>
public sealed class ReadinessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Readiness";

    /// <summary>How long the health probe of one endpoint origin may take. Default 3 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A service's last drill older than this is a warning. Default 90 days.</summary>
    public TimeSpan DrillMaxAge { get; set; } = TimeSpan.FromDays(90);
}
