namespace IncidentBot.Host.Configuration;

/// <summary>The local console page. Section <c>Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Console";

    /// <summary>Serve <c>/console</c> and <c>/api/console/*</c>. Default: on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }
}
