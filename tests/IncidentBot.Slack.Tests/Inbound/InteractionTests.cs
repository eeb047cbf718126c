using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.Tests.Support;

namespace IncidentBot.Slack.Tests.Inbound;

public sealed class InteractionTests
{
    private static Parsed<Interaction> Parse(string body) => Interaction.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Parse_DocsExample_IsABlockActionWithItsChannelMessageAndButton()
    {
        var json = (JsonObject)JsonNode.Parse(Fixtures.Read("slack-block-actions.docs-example.json"))!;

        var parsed = Parse(SlackPayloads.Interaction(json));

        var click = Assert.IsType<BlockAction>(parsed.Value);
        Assert.Equal(new BlockAction("UA8RXUSPL", "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3", "CBR2V3XEX",
            "1548261231.000200", null, false, "WaXA", "=qXel", "click_me_123"), click);
    }

    [Fact]
    public void Parse_BoltPythonExample_ReadsTheMessageContainer()
    {
        var json = (JsonObject)JsonNode.Parse(Fixtures.Read("slack-block-actions.bolt-python-test.json"))!;

        var parsed = Parse(SlackPayloads.Interaction(json));

        var click = Assert.IsType<BlockAction>(parsed.Value);
        Assert.Equal(("U111", "C111", "1678252213.679169", "button", "8KR", "clicked"),
            (click.UserId, click.ChannelId, click.MessageTs, click.ActionId, click.BlockId, click.Value));
        Assert.Null(click.ThreadTs);
    }

    [Fact]
    public void Parse_FormEncodedWithPlusForSpaces_DecodesTheJson()
    {
        var json = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"channel\":{\"id\":\"C1\"},\"actions\":[{\"action_id\":\"cmd:0\",\"block_id\":\"INC-1@2:actions:0\",\"value\":\"/incident approve INC-1\"}]}";
        var body = "payload=" + Uri.EscapeDataString(json).Replace("%20", "+", StringComparison.Ordinal);

        var click = Assert.IsType<BlockAction>(Parse(body).Value);

        Assert.Equal("/incident approve INC-1", click.Value);
    }

    [Fact]
    public void Parse_ViewSubmission_ReadsTheTypedText()
    {
        var parsed = Parse(SlackPayloads.ViewSubmission("U1", "V123", "{}", "too risky"));

        var submission = Assert.IsType<ViewSubmission>(parsed.Value);
        Assert.Equal(("V123", "incident-input", "too risky"), (submission.ViewId, submission.CallbackId, submission.TextOf("input", "text")));
    }

    [Theory]
    [InlineData("", "payload")]
    [InlineData("payload=not-json", "JSON")]
    [InlineData("payload=%5B1%2C2%5D", "JSON")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", "user.id")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D", "actions")]
    [InlineData("payload=%7B%22type%22%3A%22view_submission%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D", "view")]
    public void Parse_MalformedPayload_FailsWithAClearMessage(string body, string mentions)
    {
        var parsed = Parse(body);

        Assert.False(parsed.Ok);
        Assert.Contains(mentions, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownType_IsOtherInteraction()
    {
        var parsed = Parse("payload=" + Uri.EscapeDataString("{\"type\":\"shortcut\",\"user\":{\"id\":\"U1\"}}"));

        Assert.Equal(new OtherInteraction("U1", "shortcut"), parsed.Value);
    }

    [Fact]
    public void Parse_ClickOnAnEphemeralMessage_IsMarkedEphemeralAndTakesTheChannelFromTheContainer()
    {
        var json = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"container\":{\"type\":\"message\",\"message_ts\":\"1.2\",\"channel_id\":\"C9\",\"is_ephemeral\":true,\"thread_ts\":\"1.1\"}," +
                   "\"actions\":[{\"action_id\":\"cmd:0\",\"block_id\":\"INC-1@2:actions:0\",\"value\":\"/incident status INC-1\"}]}";

        var click = Assert.IsType<BlockAction>(Parse("payload=" + Uri.EscapeDataString(json)).Value);

        Assert.Equal(("C9", "1.2", "1.1", true), (click.ChannelId, click.MessageTs, click.ThreadTs, click.IsEphemeral));
    }
}
