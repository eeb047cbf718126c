using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Tests.BlockKit;

public sealed class BlockKitLimitsTests
{
    private static JsonObject Button(string text = "Go", string? style = null)
    {
        var b = new JsonObject { ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text }, ["action_id"] = "a", ["value"] = "v" };
        if (style is not null) b["style"] = style;
        return b;
    }

    [Fact]
    public void Validate_EveryKindOfViolation_IsListed()
    {
        var message = new JsonObject
        {
            ["blocks"] = new JsonArray
            {
                new JsonObject { ["type"] = "header", ["block_id"] = "x", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('h', 151) } },
                new JsonObject { ["type"] = "section", ["block_id"] = "x", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('s', 3001) } },
                new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = "f" }).ToArray()) },
                new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(Button(new string('b', 76)), Button(style: "default")) },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = "a\ud83d" }) },
            },
        };

        var problems = BlockKitLimits.Validate(message);

        Assert.Contains(problems, p => p.StartsWith("text:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[0].text: must be plain_text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[0].text: 151", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'x' is used twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[1].text: 3001", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[2].fields: 11", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[3].elements[0].text: 76", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'a' is used twice in the block", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("blocks[3].elements[1].style", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("surrogate", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FiftyOneBlocks_IsOneTooMany()
    {
        var blocks = new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["type"] = "divider" }).ToArray());

        var problems = BlockKitLimits.Validate(new JsonObject { ["text"] = "t", ["blocks"] = blocks });

        Assert.Equal(["blocks: 51 blocks, at most 50"], problems);
    }

    [Fact]
    public void Validate_WellFormedMessage_HasNoProblems()
    {
        var message = new JsonObject
        {
            ["text"] = "fallback",
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "actions", ["block_id"] = "k", ["elements"] = new JsonArray(Button(style: "primary")) }),
        };

        Assert.Empty(BlockKitLimits.Validate(message));
    }
}
