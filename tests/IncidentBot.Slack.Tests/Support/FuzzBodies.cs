using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Request bodies for every route, each either shaped like the route expects (with hostile strings in every
/// field) or plainly hostile: not UTF-8, up to and over the 64 KiB limit, deeply nested, of the wrong JSON types, empty.</summary>
internal sealed class FuzzBodies(HostileText text, string serviceUrl, string appId)
{
    private const int Limit = 64 * 1024;

    /// <summary>A body for <paramref name="route"/> and the name of its shape (for the failure message).</summary>
    public (byte[] Body, string Shape) For(string route)
    {
        var r = text.Random;
        return r.Next(20) switch
        {
            0 => (text.InvalidUtf8(Shaped(route)[..Math.Min(40, Shaped(route).Length)]), "invalid-utf8"),
            1 => (Encoding.UTF8.GetBytes(Shaped(route) + HostileText.Raw(text.Long(r.Next(Limit - 2048, Limit + 4096)))), "huge"),
            2 => (Encoding.UTF8.GetBytes(HostileText.Deep(r.Next(50, 5000), r.Next(2) == 0)), "deep-json"),
            3 => (Encoding.UTF8.GetBytes(WrongTypes()), "wrong-types"),
            4 => ([], "empty"),
            5 => (Encoding.UTF8.GetBytes(HostileText.Raw(text.Next())), "text"),
            _ => (Encoding.UTF8.GetBytes(Shaped(route)), "shaped"),
        };
    }

    private string WrongTypes() => new JsonObject
    {
        ["user"] = 5, ["text"] = new JsonArray(1, 2), ["thread"] = new JsonObject(), ["type"] = false, ["labels"] = "x",
        ["alerts"] = new JsonObject(), ["version"] = 4, ["status"] = new JsonArray(), ["deployedUtc"] = "yesterday",
        ["approved"] = "yes", ["channelId"] = 7, ["serviceUrl"] = new JsonArray(), ["from"] = "me",
    }.ToFuzzJson();

    private string Shaped(string route) => route switch
    {
        "slack-commands" => Form(("user_id", Pick("U0ALICE", "U0BOB", text.Next())), ("channel_id", Pick("C0FUZZ", text.Next())),
            ("command", "/incident"), ("text", text.Command()), ("trigger_id", text.Random.Next(3) == 0 ? "" : "fuzz." + text.Random.Next())),
        "slack-interactions" => "payload=" + Escape(Interaction().ToFuzzJson()),
        "slack-events" => SlackEvent().ToFuzzJson(),
        "teams" => Activity().ToFuzzJson(),
        "console" => new JsonObject
        {
            ["user"] = Pick("alice", "bob", "carol", text.Next()), ["text"] = text.Command(),
            ["thread"] = text.Random.Next(3) switch { 0 => null, 1 => "INC-" + text.Random.Next(1, 4), _ => text.Next() },
            ["deliveryId"] = text.Random.Next(2) == 0 ? null : text.Next(),
        }.ToFuzzJson(),
        "signals" => new JsonObject
        {
            ["source"] = Pick("grafana", text.Next()), ["key"] = text.Next(), ["status"] = Pick("firing", "resolved", text.Next()),
            ["title"] = text.Next(), ["service"] = Pick("support-assistant", text.Next()), ["severity"] = Pick("high", "sev1", text.Next()),
            ["labels"] = new JsonObject { [text.Next()] = text.Next(), ["service"] = text.Next() },
        }.ToFuzzJson(),
        "alertmanager" => new JsonObject
        {
            ["version"] = Pick("4", text.Next()), ["groupKey"] = text.Next(), ["status"] = Pick("firing", "resolved", text.Next()),
            ["groupLabels"] = new JsonObject { ["alertname"] = text.Next() },
            ["commonLabels"] = new JsonObject { ["alertname"] = text.Next(), [text.Next()] = text.Next(), ["severity"] = Pick("critical", text.Next()) },
            ["commonAnnotations"] = new JsonObject { ["summary"] = text.Next() },
            ["alerts"] = new JsonArray(new JsonObject { ["status"] = "firing", ["labels"] = new JsonObject(), ["startsAt"] = Pick("2026-11-22T03:40:00Z", text.Next()) }),
        }.ToFuzzJson(),
        "changes" => new JsonObject
        {
            ["service"] = text.Next(), ["layer"] = Pick("prompt", "model", text.Next()), ["version"] = text.Next(), ["deployedBy"] = text.Next(),
            ["deployedUtc"] = Pick(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"), text.Next()), ["approved"] = text.Random.Next(2) == 0, ["note"] = text.Next(),
        }.ToFuzzJson(),
        _ => HostileText.Raw(text.Next()),
    };

    private JsonObject Interaction() => text.Random.Next(2) == 0
        ? new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = Pick("U0ALICE", "U0BOB", text.Next()) },
            ["channel"] = new JsonObject { ["id"] = "C0FUZZ" }, ["container"] = new JsonObject { ["message_ts"] = "1.1", ["channel_id"] = "C0FUZZ" },
            ["trigger_id"] = "fuzz." + text.Random.Next(),
            ["actions"] = new JsonArray(new JsonObject { ["block_id"] = text.Next(), ["action_id"] = Pick("cmd:0", text.Next()), ["value"] = text.Command() }),
        }
        : new JsonObject
        {
            ["type"] = Pick("view_submission", text.Next()), ["user"] = new JsonObject { ["id"] = "U0ALICE" },
            ["view"] = new JsonObject
            {
                ["id"] = "V" + text.Random.Next(), ["callback_id"] = Pick("incident-input", text.Next()), ["private_metadata"] = text.Next(),
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["input"] = new JsonObject { ["text"] = new JsonObject { ["value"] = text.Next() } } } },
            },
        };

    private JsonObject SlackEvent() => new()
    {
        ["type"] = Pick("event_callback", "url_verification", text.Next()), ["challenge"] = text.Next(), ["event_id"] = "Ev" + text.Random.Next(),
        ["event"] = new JsonObject
        {
            ["type"] = Pick("app_mention", "message", text.Next()), ["user"] = Pick("U0ALICE", text.Next()), ["channel"] = "C0FUZZ",
            ["thread_ts"] = text.Random.Next(2) == 0 ? null : "1.1", ["text"] = "<@U0BOT> " + text.Command(),
        },
    };

    private JsonObject Activity() => new()
    {
        ["type"] = Pick("message", "invoke", "conversationUpdate", text.Next()), ["id"] = "f:" + text.Random.Next(),
        ["name"] = Pick("adaptiveCard/action", text.Next()), ["channelId"] = Pick("msteams", "msteams", text.Next()),
        ["serviceUrl"] = text.Random.Next(8) == 0 ? text.Next() : serviceUrl,
        ["text"] = "<at>IncidentBot</at> " + text.Command(),
        ["from"] = new JsonObject { ["id"] = "29:" + text.Next(), ["aadObjectId"] = Pick("aad-alice", text.Next()), ["name"] = text.Next() },
        ["recipient"] = new JsonObject { ["id"] = "28:" + appId },
        ["conversation"] = new JsonObject { ["id"] = Pick("19:fuzz@thread.tacv2", text.Next()), ["conversationType"] = "channel" },
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = text.Command(), ["data"] = new JsonObject { ["command"] = text.Command() } } },
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>IncidentBot</at>", ["mentioned"] = new JsonObject { ["id"] = "28:" + appId } }),
    };

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => f.Name + "=" + Escape(HostileText.Raw(f.Value))));

    /// <summary>Percent-encodes the UTF-8 of <paramref name="value"/> (lone surrogates become U+FFFD, as a browser sends them).</summary>
    private static string Escape(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~'
            ? ((char)b).ToString() : "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private string Pick(params string[] values) => text.Pick(values);
}
