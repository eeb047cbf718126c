using IncidentBot.Slack.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Delivery;

/// <summary>
/// A token bucket per channel and kind of call (<see cref="SlackPacingOptions"/>, refilled at the rate less its
/// headroom): a call takes a token, waiting until
/// one is due when the bucket is empty. Waiters reserve their slot when they ask, so concurrent incidents in one
/// channel share its budget fairly and in order. Shared by every delivery of the process.
/// </summary>
internal sealed class SlackChannelPacer(IOptions<SlackPacingOptions> options, TimeProvider time)
{
    private const int MaxChannels = 10_000;
    private readonly SlackPacingOptions pacing = options.Value;
    private readonly Dictionary<(string Channel, bool Update), Bucket> buckets = [];
    private readonly Lock gate = new();

    /// <summary>Waits until <paramref name="channel"/> may take one more call of this kind.</summary>
    public Task WaitAsync(string channel, bool update, CancellationToken cancellationToken)
    {
        var delay = Reserve(channel, update);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Takes a token now (possibly one not yet refilled) and says how long until it is due.</summary>
    internal TimeSpan Reserve(string channel, bool update)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var rate = (update ? pacing.UpdatesPerSecond : pacing.MessagesPerSecond) * (1 - pacing.Headroom);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!buckets.TryGetValue((channel, update), out var bucket))
            {
                if (buckets.Count >= MaxChannels) buckets.Clear(); // forgetting a quiet channel only grants it a burst again
                bucket = buckets[(channel, update)] = new Bucket(pacing.Burst, now);
            }
            bucket.Tokens = Math.Min(pacing.Burst, bucket.Tokens + ((now - bucket.At).TotalSeconds * rate));
            bucket.At = now;
            bucket.Tokens -= 1;
            return bucket.Tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-bucket.Tokens / rate);
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset At { get; set; } = at;
    }
}
