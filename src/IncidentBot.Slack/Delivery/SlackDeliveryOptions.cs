using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Slack.Delivery;

/// <summary>How the bot delivers incident messages to Slack. Section <c>Slack:Delivery</c>.</summary>
public sealed class SlackDeliveryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Slack:Delivery";

    /// <summary>How often to look for due messages when idle. Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a claimed message is reserved. A message being sent by this process is never sent twice, even when its
    /// claim runs out or is released; the lease only decides how soon a message that was in flight when another
    /// process died is tried again (the host releases every claim at start-up anyway). Default 2 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Incidents delivered at the same time (one message each, so one slow incident does not hold the rest). Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>First wait before a message that failed transiently is tried again, when Slack did not say. Doubles per attempt. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts; a message is never given up on for a transient failure. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
