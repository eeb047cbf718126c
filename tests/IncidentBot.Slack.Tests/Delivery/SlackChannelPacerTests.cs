using IncidentBot.Slack.Configuration;
using IncidentBot.Slack.Delivery;
using IncidentBot.TestSupport.Time;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackChannelPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_BurstThenMore_TheBurstAtOnceThenOnePerIntervalInOrder()
    {
        // Arrange: 1 message a second after a burst of 3.
        var clock = new ManualTimeProvider(T0);
        var pacer = new SlackChannelPacer(Options.Create(new SlackPacingOptions { MessagesPerSecond = 1, Burst = 3, Headroom = 0 }), clock);

        // Act
        var waits = Enumerable.Range(0, 5).Select(_ => pacer.Reserve("C1", update: false)).ToList();

        // Assert
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public void Reserve_ChannelsAndKindsApartQuietChannelRefills_EachBudgetOnItsOwn()
    {
        // Arrange
        var clock = new ManualTimeProvider(T0);
        var pacer = new SlackChannelPacer(Options.Create(new SlackPacingOptions { MessagesPerSecond = 2, UpdatesPerSecond = 1, Burst = 1, Headroom = 0 }), clock);
        pacer.Reserve("C1", update: false);

        // Act
        var sameChannel = pacer.Reserve("C1", update: false);
        var otherChannel = pacer.Reserve("C2", update: false);
        var update = pacer.Reserve("C1", update: true);
        var secondUpdate = pacer.Reserve("C1", update: true);
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterQuiet = pacer.Reserve("C1", update: false);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(500), sameChannel);
        Assert.Equal(TimeSpan.Zero, otherChannel);
        Assert.Equal(TimeSpan.Zero, update);
        Assert.Equal(TimeSpan.FromSeconds(1), secondUpdate);
        Assert.Equal(TimeSpan.Zero, afterQuiet); // refilled, but never beyond the burst
        Assert.Equal(TimeSpan.FromMilliseconds(500), pacer.Reserve("C1", update: false));
    }

    [Fact]
    public void Reserve_DefaultHeadroom_SpacesPacedCallsWiderThanTheLimit()
    {
        // Arrange: Slack's one per second with the default headroom of a tenth.
        var clock = new ManualTimeProvider(T0);
        var pacer = new SlackChannelPacer(Options.Create(new SlackPacingOptions { MessagesPerSecond = 1, Burst = 1 }), clock);
        pacer.Reserve("C1", update: false);

        // Act
        var waits = Enumerable.Range(0, 3).Select(_ => pacer.Reserve("C1", update: false)).ToList();

        // Assert: each paced call is due 1/0.9 s after the one before it, never sooner than the limit allows.
        Assert.Equal([1.111, 2.222, 3.333], waits.Select(w => Math.Round(w.TotalSeconds, 3)));
    }
}
