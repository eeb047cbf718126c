using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Checks every message the stand-in received against Slack's documented limits.</summary>
internal static class SlackMessageChecks
{
    /// <summary>Fails the test when a message body the stand-in received breaks a Slack message limit (<see cref="BlockKitLimits.Validate"/>).</summary>
    public static void AssertWithinLimits(IEnumerable<RecordedCall> calls)
    {
        foreach (var call in calls.Where(c => c.Method is "chat.postMessage" or "chat.update" or "chat.postEphemeral"))
        {
            var problems = BlockKitLimits.Validate(call.Body);
            Assert.True(problems.Count == 0, $"{call.Method} breaks Block Kit limits: {string.Join("; ", problems)}");
        }
    }
}
