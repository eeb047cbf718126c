using System.Text;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Inbound;

public sealed class EventRequestTests
{
    [Fact]
    public void Parse_UrlVerificationDocsExample_ReadsTheChallenge()
    {
        var parsed = EventRequest.Parse(Fixtures.Bytes("slack-url-verification.docs-example.json"));

        Assert.Equal(new EventRequest("url_verification", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", null, null), parsed.Value);
    }

    [Fact]
    public void Parse_AppMentionInThread_ReadsTheEvent()
    {
        var body = SlackPayloads.AppMention("Ev1", "U1", "C1", "1700000000.000100", "<@U0BOT> approve");

        var parsed = EventRequest.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("Ev1", parsed.Value!.EventId);
        Assert.Equal(("app_mention", "U1", "C1", "1700000000.000100", "<@U0BOT> approve", false),
            (parsed.Value.Event!.Type, parsed.Value.Event.User, parsed.Value.Event.Channel, parsed.Value.Event.ThreadTs, parsed.Value.Event.Text, parsed.Value.Event.IsFromBot));
    }

    [Theory]
    [InlineData("not json", "JSON object")]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "type")]
    [InlineData("{\"type\":\"url_verification\"}", "challenge")]
    [InlineData("{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}", "event_id")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}", "event.type")]
    public void Parse_Malformed_FailsWithAClearMessage(string body, string mentions)
    {
        var parsed = EventRequest.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(parsed.Ok);
        Assert.Contains(mentions, parsed.Error, StringComparison.Ordinal);
    }
}
