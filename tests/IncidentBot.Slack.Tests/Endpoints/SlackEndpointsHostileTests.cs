using System.Net;
using System.Text;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>Over real HTTP: validly signed but hostile requests. A body that is not UTF-8, or JSON with a string that
/// is not valid Unicode, is a 400 (never a 500) and changes nothing. (Nothing in this class is ever accepted, so the
/// evidence count is quiet between tests.)</summary>
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

    [Theory]
    [InlineData("/slack/events", SlackPayloads.Json, "{\"type\":\"event_callback\",\"event_id\":\"EvLone\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0ALICE\",\"channel\":\"C0UTF\",\"thread_ts\":\"1.1\",\"text\":\"note \\ud800\"}}")]
    [InlineData("/slack/interactions", SlackPayloads.Form, "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U0%5CuDFFF%22%7D%7D")]
    public async Task Post_SignedJsonWithALoneSurrogateEscape_Is400AndChangesNothing(string path, string contentType, string body)
    {
        // Arrange: "\ud800" is valid JSON syntax, but System.Text.Json throws when it is read as a string.
        var before = await bot.CountsAsync();

        // Act
        using var response = await bot.PostSignedAsync(path, body, contentType);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await bot.CountsAsync());
    }
}
