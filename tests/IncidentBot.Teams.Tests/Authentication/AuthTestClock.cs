namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>A clock the test moves by hand (thread-safe). Starts on a fixed date far from the real one, so a check
/// that used the machine's clock instead of the injected one would fail.</summary>
internal sealed class AuthTestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2031, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private long ticks = Start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
