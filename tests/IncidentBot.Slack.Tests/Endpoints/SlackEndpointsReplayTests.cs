using System.Net;
using System.Text;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>Over real HTTP: a slash command without a trigger id is identified by its signature, so a replay inside
/// the signature window applies once while the same text typed twice applies twice.</summary>
public sealed class SlackEndpointsReplayTests(SlackBot bot) : IClassFixture<SlackBot>
{
    [Fact]
    public async Task PostCommand_WithoutTriggerIdReplayedInsideTheWindow_AppliesOnce()
    {
        // Arrange: the same signed request (same timestamp, same body, so the same signature) sent twice.
        var body = Encoding.UTF8.GetBytes("user_id=U0ALICE&channel_id=C0REPLAY&command=%2Fincident&text=declare+Replayed+without+trigger+sev3+service%3Dsupport-assistant");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var before = await bot.CountsAsync();

        // Act
        using var first = await bot.PostAsync("/slack/commands", body, SlackPayloads.Form, sign: true, ts);
        var afterFirst = await bot.CountsAsync();
        using var replay = await bot.PostAsync("/slack/commands", body, SlackPayloads.Form, sign: true, ts);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        // Incidents, not events: the declaration's thread binding is recorded after the answer, by the delivery worker.
        Assert.Equal(before.Incidents + 1, afterFirst.Incidents);
        Assert.Equal(afterFirst.Incidents, (await bot.CountsAsync()).Incidents);
    }

    [Fact]
    public async Task PostCommand_WithoutTriggerIdTwoDistinctRequests_BothApply()
    {
        // Arrange: the same text typed twice is two requests (two timestamps, two signatures), not a replay.
        var body = Encoding.UTF8.GetBytes("user_id=U0ALICE&channel_id=C0TWICE&command=%2Fincident&text=declare+Typed+twice+sev3+service%3Dsupport-assistant");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var before = await bot.CountsAsync();

        // Act
        using var first = await bot.PostAsync("/slack/commands", body, SlackPayloads.Form, sign: true, ts);
        using var second = await bot.PostAsync("/slack/commands", body, SlackPayloads.Form, sign: true, ts - 1);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(before.Incidents + 2, (await bot.CountsAsync()).Incidents);
    }
}
