namespace IncidentBot.Host.Jobs;

/// <summary>Job worker settings. Section <c>Outbox</c>.</summary>
public sealed class JobWorkerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outbox";

    /// <summary>How often to look for due work. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed job is reserved. Renewed while the job runs, so it only decides how soon a job that was
    /// running when a process died is run again (by this process after a restart, or another one). Default 30 seconds.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a job is parked (kept, with its error, but no longer retried). Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;
}
