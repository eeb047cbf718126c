using System.Net;
using System.Text;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>Over real HTTP: validly signed but hostile requests. A body that is not UTF-8 is a 400 (never a 500), and
/// a slash command without a trigger id, replayed inside the signature window, applies once.</summary>
public sealed class SlackEndpointsHostileTests(SlackBot bot) : IClassFixture<SlackBot>
{
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80];

    public static TheoryData<string, string, string, string> NotUtf8 => new()
    {
        { "/slack/commands", SlackPayloads.Form, "user_id=U0ALICE&channel_id=C0UTF&command=%2Fincident&text=declare+", "+sev2&trigger_id=utf.1" },
        { "/slack/interactions", SlackPayloads.Form, "payload={\"type\":\"block_actions\",\"user\":{\"id\":\"U0BOB", "\"}}" },
        { "/slack/events", SlackPayloads.Json, "{\"type\":\"event_callback\",\"event_id\":\"EvUtf\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0ALICE\",\"channel\":\"C0UTF\",\"thread_ts\":\"1.1\",\"text\":\"", "\"}}" },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task Post_SignedBodyThatIsNotUtf8_Is400AndChangesNothing(string path, string contentType, string head, string tail)
    {
        // Arrange
        var before = await bot.CountsAsync();
        var body = Encoding.ASCII.GetBytes(head).Concat(InvalidUtf8).Concat(Encoding.ASCII.GetBytes(tail)).ToArray();

        // Act
        using var response = await bot.PostAsync(path, body, contentType, sign: true);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await bot.CountsAsync());
    }

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
