namespace IncidentBot.Teams.Tests.Connector;

/// <summary>A clock the test moves by hand. Only "now" is manual: timers and delays still run in real time, so
/// timeouts and Retry-After waits behave as in production while token expiry is under the test's control.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
