using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Host.Delivery;

/// <summary>
/// How the bot delivers an incident's notifications on one surface. Named per surface and bound from
/// <c>{Surface}:Delivery</c> (<c>Slack:Delivery</c>, <c>Teams:Delivery</c>, <c>Console:Delivery</c>).
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>The section of <paramref name="surface"/>'s options: <c>Slack:Delivery</c> for <c>slack</c>.</summary>
    public static string SectionFor(string surface)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surface);
        return char.ToUpperInvariant(surface[0]) + surface[1..] + ":Delivery";
    }

    /// <summary>How often to look for due messages when idle. Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a claimed message is reserved for this process. It is renewed while the message is being sent, so it
    /// only decides how soon a message that was in flight when a process died is tried again (by this process after a
    /// restart, or by another one). Default 30 seconds.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Incidents delivered at the same time (each its pending notifications together, so one slow incident does
    /// not hold the rest). Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Most notifications of one incident delivered together (one thread message per
    /// <see cref="ThreadMessageChars"/> of lines, one root update). Default 500.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 500;

    /// <summary>How much line text (characters, before the surface escapes it) one thread message carries; a batch with
    /// more goes out as several messages, in order. Default 2,500 (inside Slack's 4,000-character message text).</summary>
    [Range(200, 20_000)]
    public int ThreadMessageChars { get; set; } = 2_500;

    /// <summary>First wait before a message that failed transiently is tried again, when the platform did not say.
    /// Doubles per attempt. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts; a message is never given up on for a transient failure. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Exponential, with jitter so incidents that failed together do not retry together; at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(attempt, 1) - 1, 30));
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.2)));
    }
}
