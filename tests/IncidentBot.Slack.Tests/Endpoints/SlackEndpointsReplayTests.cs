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
    public async Task PostCommand_WithoutTriggerId_SignatureNeverStored()
    {
        // Arrange: a request whose signature is known to the test.
        var body = Encoding.UTF8.GetBytes("user_id=U0ALICE&channel_id=C0SIGNED&command=%2Fincident&text=declare+Signature+kept+out+sev3+service%3Dsupport-assistant");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = SlackSigner.Sign(SlackBot.Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), body);
        var before = await bot.CountsAsync();

        // Act
        using var response = await bot.PostAsync("/slack/commands", body, SlackPayloads.Form, sign: true, ts);

        // Assert: applied, and neither the store's file nor its WAL holds the signature's HMAC.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.Incidents + 1, (await bot.CountsAsync()).Incidents);
        var hmac = Encoding.ASCII.GetBytes(signature["v0=".Length..]);
        foreach (var file in new[] { bot.DatabasePath, bot.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(hmac) < 0, $"{Path.GetFileName(file)} holds the request's signature");
        }
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
