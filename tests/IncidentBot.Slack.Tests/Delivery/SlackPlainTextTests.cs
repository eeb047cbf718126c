using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Delivery;

namespace IncidentBot.Slack.Tests.Delivery;

public sealed class SlackPlainTextTests
{
    [Fact]
    public void Lines_ShortLines_EscapedTextOnePerLineNoBlocks()
    {
        // Act
        var message = SlackPlainText.Lines(["alice: note: <!channel> & *now*", "bob: approved rollback-prompt"]);

        // Assert
        Assert.Equal("alice: note: &lt;!channel&gt; &amp; *now*\nbob: approved rollback-prompt", message.Text);
        Assert.Empty(message.Blocks);
    }

    [Fact]
    public void Lines_MoreThanAMessagesTextOnceEscaped_SectionsWithinSlacksLimitsHoldingEveryLine()
    {
        // Arrange: 2,500 characters of '&' become 12,500 once escaped.
        var lines = Enumerable.Range(1, 50).Select(i => $"alice: note: {i} " + new string('&', 50)).ToList();

        // Act
        var message = SlackPlainText.Lines(lines);

        // Assert
        var body = new JsonObject { ["channel"] = "C1", ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() };
        Assert.Empty(BlockKitLimits.Validate(body));
        var said = string.Join('\n', message.Blocks.Select(b => b!["text"]!["text"]!.GetValue<string>()));
        Assert.Equal(lines, SlackText.Unescape(said).Split('\n'));
    }
}
