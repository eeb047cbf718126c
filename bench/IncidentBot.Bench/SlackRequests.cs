using System.Text.Json.Nodes;

namespace IncidentBot.Bench;

/// <summary>Signed Slack requests as Slack sends them: slash commands and button clicks (<c>block_actions</c>).</summary>
internal static class SlackRequests
{
    private static long triggers;

    /// <summary>The channel incident <paramref name="number"/> lives in: one shared channel, or one each.</summary>
    public static string Channel(int number, bool channelPerIncident) => channelPerIncident ? $"C0BENCH{number}" : "C0BENCH";

    public static HttpRequestMessage SlashCommand(string text, string channel = "C0BENCH")
    {
        var n = Interlocked.Increment(ref triggers);
        var body = string.Join('&',
            "token=deprecated", "team_id=T0BENCH", "team_domain=bench", "channel_id=" + channel, "channel_name=incidents",
            "user_id=U0ALICE", "user_name=alice", "command=%2Fincident", "text=" + Uri.EscapeDataString(text),
            "api_app_id=A0BENCH", "response_url=" + Uri.EscapeDataString("https://hooks.slack.invalid/commands/bench"),
            $"trigger_id={n}.2.bench");
        return SlackSigner.Signed("/slack/commands", body);
    }

    /// <summary>A click on a button whose command is <c>/incident note {incident} ...</c> on a card in the thread.</summary>
    public static HttpRequestMessage NoteButtonClick(string incident, long n, string channel = "C0BENCH")
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0ALICE", ["username"] = "alice", ["team_id"] = "T0BENCH" },
            ["team"] = new JsonObject { ["id"] = "T0BENCH", ["domain"] = "bench" },
            ["api_app_id"] = "A0BENCH",
            ["trigger_id"] = $"{n}.1.bench",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "incidents" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000100", ["text"] = "card" },
            ["response_url"] = "https://hooks.slack.invalid/actions/bench",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = $"b{n}", ["block_id"] = $"{incident}@{n}:actions:0",
                ["value"] = $"/incident note {incident} bench click {n}", ["action_ts"] = "1700000001.000200",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Note" },
            }),
        };
        return SlackSigner.Signed("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()));
    }
}
