namespace IncidentBot.TestSupport.Time;

/// <summary>A clock the test moves by hand (<see cref="Advance"/>). Only "now" is manual: timers and delays still run in
/// real time, so timeouts and waits behave as in production while dates (token expiry, leases, windows) are the test's.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
