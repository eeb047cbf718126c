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

    /// <summary>What is wrong with these settings (empty when valid): both times must be positive.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ProbeTimeout <= TimeSpan.Zero) problems.Add("Readiness:ProbeTimeout must be positive (default 00:00:03).");
        if (DrillMaxAge <= TimeSpan.Zero) problems.Add("Readiness:DrillMaxAge must be positive (default 90.00:00:00).");
        return problems;
    }
}
