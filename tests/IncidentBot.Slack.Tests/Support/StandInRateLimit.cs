namespace IncidentBot.Slack.Tests.Support;

/// <summary>
/// Slack's posting limit for a <see cref="SlackStandIn"/>'s <see cref="SlackStandIn.Fault"/>: per channel and method,
/// <paramref name="perSecond"/> calls per second after a burst of <paramref name="burst"/>; a faster call gets 429 with
/// <c>Retry-After</c>. With a small tolerance for the two clocks (the bot's pacing and the stand-in's arrival times).
/// </summary>
internal sealed class StandInRateLimit(double perSecond, int burst)
{
    private readonly Dictionary<(string?, string), (double Tokens, DateTimeOffset At)> buckets = [];
    private readonly Lock gate = new();

    public StandInFault? Decide(RecordedCall call)
    {
        var key = (ThreadTranscript.Str(call, "channel"), call.Method);
        lock (gate)
        {
            var (tokens, at) = buckets.TryGetValue(key, out var b) ? b : (burst, call.ReceivedUtc);
            tokens = Math.Min(burst, tokens + ((call.ReceivedUtc - at).TotalSeconds * perSecond));
            if (tokens < 0.75)
            {
                buckets[key] = (tokens, call.ReceivedUtc);
                return new StandInFault(429, RetryAfterSeconds: 1);
            }
            buckets[key] = (tokens - 1, call.ReceivedUtc);
            return null;
        }
    }
}
