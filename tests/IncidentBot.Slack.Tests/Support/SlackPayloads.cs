using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Request bodies shaped like Slack's (the block_actions one starts from the bolt-python fixture).</summary>
internal static class SlackPayloads
{
    public const string Form = "application/x-www-form-urlencoded";
    public const string Json = "application/json";

    public static string SlashCommand(string user, string channel, string text, string triggerId) =>
        $"token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id={channel}&channel_name=incidents" +
        $"&user_id={user}&user_name=someone&command=%2Fincident&text={Uri.EscapeDataString(text)}" +
        $"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id={Uri.EscapeDataString(triggerId)}&api_app_id=A123456";

    /// <summary>A click on a button of a bot message in <paramref name="channel"/>, like bolt-python's test payload.</summary>
    public static string BlockActions(string user, string channel, string messageTs, string? threadTs, string blockId, string actionId,
        string? value, string triggerId = "4916855695380.xxx.yyy")
    {
        var json = (JsonObject)JsonNode.Parse(Fixtures.Read("slack-block-actions.bolt-python-test.json"))!;
        json["user"] = new JsonObject { ["id"] = user };
        json["trigger_id"] = triggerId;
        json["channel"] = new JsonObject { ["id"] = channel };
        json["container"]!["channel_id"] = channel;
        json["container"]!["message_ts"] = messageTs;
        json["message"]!["ts"] = messageTs;
        if (threadTs is not null) json["message"]!["thread_ts"] = threadTs;
        var action = (JsonObject)json["actions"]![0]!;
        action["block_id"] = blockId;
        action["action_id"] = actionId;
        if (value is null) action.Remove("value");
        else action["value"] = value;
        return Interaction(json);
    }

    public static string ViewSubmission(string user, string viewId, string privateMetadata, string? text, string callbackId = "incident-input") =>
        Interaction(new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["user"] = new JsonObject { ["id"] = user },
            ["api_app_id"] = "A111",
            ["trigger_id"] = "1111.2222.3333",
            ["view"] = new JsonObject
            {
                ["id"] = viewId,
                ["type"] = "modal",
                ["callback_id"] = callbackId,
                ["private_metadata"] = privateMetadata,
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        ["input"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text } },
                    },
                },
            },
        });

    public static string AppMention(string eventId, string user, string channel, string? threadTs, string text)
    {
        var e = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = "1700000100.000200",
            ["channel"] = channel,
            ["event_ts"] = "1700000100.000200",
        };
        if (threadTs is not null) e["thread_ts"] = threadTs;
        return new JsonObject
        {
            ["token"] = "XXYYZZ",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A111",
            ["event"] = e,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000100,
        }.ToJsonString();
    }

    public static string Interaction(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());
}
