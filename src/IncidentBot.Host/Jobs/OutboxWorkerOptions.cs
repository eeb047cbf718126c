namespace IncidentBot.Host.Jobs;

/// <summary>Outbox worker settings. Section <c>Outbox</c>.</summary>
public sealed class OutboxWorkerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outbox";

    /// <summary>How often to look for due work. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed item is reserved before another pass may retry it. Default 2 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before an item is parked (kept, with its error, but no longer retried). Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;
}
