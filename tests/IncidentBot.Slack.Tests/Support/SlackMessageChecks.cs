using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Checks every message the stand-in received against Slack's documented limits.</summary>
internal static class SlackMessageChecks
{
    /// <summary>Fails the test when a chat.postMessage/chat.update body breaks a Slack message limit.</summary>
    public static void AssertWithinLimits(IEnumerable<RecordedCall> calls)
    {
        foreach (var call in calls.Where(c => c.Method is "chat.postMessage" or "chat.update"))
        {
            var text = call.Body["text"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(text), $"{call.Method} without fallback text");
            Assert.True(text!.Length <= 4000, $"{call.Method} text of {text.Length} characters");
            var blocks = call.Body["blocks"] as JsonArray ?? [];
            Assert.True(blocks.Count <= 50, $"{call.Method} with {blocks.Count} blocks");
            // TODO(merge slack-in): plug in the Block Kit limits once BlockKit/BlockKitLimits.cs is in main, e.g.
            //   var problems = BlockKitLimits.Validate(blocks); Assert.True(problems.Count == 0, string.Join("; ", problems));
        }
    }
}
