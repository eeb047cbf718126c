namespace IncidentBot.Core.Evidence;

/// <summary>Where a command or event came from. Stored as text in evidence.</summary>
public static class Surfaces
{
    /// <summary>Slack slash commands, buttons and events.</summary>
    public const string Slack = "slack";
    /// <summary>Microsoft Teams (Bot Framework).</summary>
    public const string Teams = "teams";
    /// <summary>The local console page.</summary>
    public const string Console = "console";
    /// <summary>The HTTP API (changes, signals).</summary>
    public const string Api = "api";
    /// <summary>The bot itself (executors, verification, timers).</summary>
    public const string System = "system";

    /// <summary>All surfaces.</summary>
    public static readonly IReadOnlyList<string> All = [Slack, Teams, Console, Api, System];
}
