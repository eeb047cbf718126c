namespace IncidentBot.Host.Health;

/// <summary>Thresholds of <c>GET /healthz/ready</c>. Section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// Longest the oldest overdue outbox item (a message to deliver, a job to run) may have waited before the bot
    /// reports itself not ready: past it, work is piling up instead of getting done (a chat API refusing, a worker
    /// stuck). Parked jobs do not count. Must be positive. Default 5 minutes.
    /// </summary>
    public TimeSpan OutboxMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
