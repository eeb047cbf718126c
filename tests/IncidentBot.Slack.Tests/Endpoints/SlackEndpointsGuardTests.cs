using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Endpoints;

/// <summary>Over real HTTP: what is refused (and changes nothing), and the answers that change nothing anyway.</summary>
public sealed class SlackEndpointsGuardTests(SlackBot bot) : IClassFixture<SlackBot>
{
    private static readonly string Declare = SlackPayloads.SlashCommand("U0ALICE", "C0GUARD", "declare Refunds broken sev2 service=support-assistant", "1.2.guard");

    [Theory]
    [InlineData("/slack/commands", SlackPayloads.Form)]
    [InlineData("/slack/interactions", SlackPayloads.Form)]
    [InlineData("/slack/events", SlackPayloads.Json)]
    public async Task Post_Unsigned_Is401AndChangesNothing(string path, string contentType)
    {
        // Arrange
        var before = await bot.CountsAsync();
        var body = path.EndsWith("commands", StringComparison.Ordinal) ? Declare
            : path.EndsWith("events", StringComparison.Ordinal) ? SlackPayloads.AppMention("EvU", "U0ALICE", "C0GUARD", "1.1", "<@U0BOT> declare x")
            : SlackPayloads.BlockActions("U0BOB", "C0GUARD", "1.1", null, "INC-1@1:actions:0", "cmd:0", "/incident declare unsigned click");

        // Act
        using var response = await bot.PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, sign: false);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await bot.CountsAsync());
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 3000 && l.Message.Contains(path, StringComparison.Ordinal) && l.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostCommand_WrongSecret_Is401AndChangesNothing()
    {
        var before = await bot.CountsAsync();

        using var response = await bot.PostSignedAsync("/slack/commands", Declare, SlackPayloads.Form, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await bot.CountsAsync());
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 3000 && l.Message.Contains("does not match", StringComparison.Ordinal));
    }

    // Half a minute past the 300 s window: the request is signed now and checked a moment later against a clock
    // that may have ticked into the next second, so 301 s could land exactly on the window's edge. The edge itself is
    // pinned with a fixed clock in SlackSignatureVerifierTests.
    [Theory]
    [InlineData(-330)]
    [InlineData(330)]
    public async Task PostCommand_TimestampOutsideTheWindow_Is401AndChangesNothing(int offsetSeconds)
    {
        var before = await bot.CountsAsync();

        using var response = await bot.PostSignedAsync("/slack/commands", Declare, SlackPayloads.Form,
            timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await bot.CountsAsync());
    }

    [Fact]
    public async Task PostCommand_Help_AnswersAnEphemeralMessageWithinLimits()
    {
        using var response = await bot.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand("U0ALICE", "C0GUARD", "help", "1.2.help"), SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("ephemeral", json["response_type"]!.GetValue<string>());
        Assert.Contains("declare", json["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.Validate(json));
    }

    [Fact]
    public async Task PostEvents_UrlVerification_EchoesTheChallenge()
    {
        using var response = await bot.PostSignedAsync("/slack/events", Fixtures.Read("slack-url-verification.docs-example.json"), SlackPayloads.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostCommand_SslCheck_Is200Empty()
    {
        using var response = await bot.PostAsync("/slack/commands", Encoding.UTF8.GetBytes("ssl_check=1&token=abc"), SlackPayloads.Form, sign: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Post_BodyOver64KiB_Is413AndChangesNothing(string path)
    {
        var before = await bot.CountsAsync();
        var body = Declare + "&pad=" + new string('x', 64 * 1024);

        using var response = await bot.PostSignedAsync(path, body, SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await bot.CountsAsync());
    }

    [Theory]
    [InlineData("/slack/commands", "channel_id=C1&text=declare+x", "user_id")]
    [InlineData("/slack/interactions", "payload=%7Bnot+json", "JSON")]
    [InlineData("/slack/interactions", "nothing=here", "payload")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"", "JSON")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}", "event_id")]
    public async Task Post_Malformed_Is400WithAClearMessageAndChangesNothing(string path, string body, string mentions)
    {
        var before = await bot.CountsAsync();

        using var response = await bot.PostSignedAsync(path, body, path.EndsWith("events", StringComparison.Ordinal) ? SlackPayloads.Json : SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentions, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await bot.CountsAsync());
    }

    [Fact]
    public async Task PostEvents_BotMessageAndUnknownEvent_Are200AndChangeNothing()
    {
        var before = await bot.CountsAsync();
        var fromBot = JsonNode.Parse(SlackPayloads.AppMention("EvB", "U0ALICE", "C0GUARD", "1.1", "<@U0BOT> declare loop"))!.AsObject();
        fromBot["event"]!["bot_id"] = "B123";
        var unknown = "{\"type\":\"event_callback\",\"event_id\":\"EvX\",\"event\":{\"type\":\"reaction_added\",\"user\":\"U0ALICE\"}}";

        using var r1 = await bot.PostSignedAsync("/slack/events", fromBot.ToJsonString(), SlackPayloads.Json);
        using var r2 = await bot.PostSignedAsync("/slack/events", unknown, SlackPayloads.Json);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (r1.StatusCode, r2.StatusCode));
        Assert.Equal(before, await bot.CountsAsync());
    }

    [Fact]
    public async Task Logs_AfterRefusedAndAcceptedRequests_NeverContainTheSecretOrASignature()
    {
        using var refused = await bot.PostSignedAsync("/slack/commands", Declare, SlackPayloads.Form, secret: "wrong");
        using var accepted = await bot.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand("U0ALICE", "C0GUARD", "list", "1.2.list"), SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains(SlackBot.Secret, StringComparison.Ordinal)
                                                   || l.Message.Contains("v0=", StringComparison.Ordinal)
                                                   || l.Message.Contains("xoxb-test", StringComparison.Ordinal));
    }
}
