using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Tests.Support;

/// <summary>
/// Activities as the Bot Framework connector posts them to <c>/api/messages</c> for a Teams channel, shaped after the
/// official examples in Fixtures/ (PROTOCOLS.md §7, §10): a message that mentions the bot, a card button's
/// <c>adaptiveCard/action</c> invoke, and the <c>conversationUpdate</c> that says the bot was added to a team.
/// In a channel, <c>conversation.id</c> is the channel plus <c>;messageid=</c> and the root of the reply chain.
/// </summary>
internal static class TeamsActivities
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string TeamId = "19:team0a1b2c3d4e5f@thread.tacv2";
    public const string BotName = "IncidentBot";
    public const string Mention = "<at>" + BotName + "</at>";

    private static long nextId = 1_600_000_000_000;

    /// <summary>A new activity id, unique in this test run.</summary>
    public static string NewId() => Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="from"/> writes <c>@IncidentBot {text}</c> in <paramref name="channel"/>: a new post (its own reply
    /// chain) when <paramref name="threadRootId"/> is null, else a reply in that message's chain.
    /// </summary>
    public static JsonObject Message(TeamsPerson from, string channel, string text, Uri serviceUrl, string appId, string? threadRootId = null, string? id = null)
    {
        var activityId = id ?? NewId();
        var activity = Common("message", activityId, from, channel, threadRootId ?? activityId, serviceUrl, appId);
        activity["textFormat"] = "plain";
        activity["text"] = Mention + " " + text;
        activity["entities"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = BotId(appId), ["name"] = BotName },
                ["text"] = Mention,
            },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "Europe/Paris" },
        };
        return activity;
    }

    /// <summary>
    /// <paramref name="from"/> clicks the <c>Action.Execute</c> <paramref name="execute"/> (as found in a card the bot
    /// sent) on the message <paramref name="cardActivityId"/> in <paramref name="channel"/>'s reply chain of
    /// <paramref name="threadRootId"/>. Teams merges the typed values of the card's inputs into <c>data</c>.
    /// </summary>
    public static JsonObject Invoke(TeamsPerson from, string channel, JsonObject execute, string cardActivityId, string threadRootId, Uri serviceUrl,
        string appId, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var data = (JsonObject)execute["data"]!.DeepClone();
        foreach (var (inputId, value) in inputs ?? new Dictionary<string, string>()) data[inputId] = value;
        var activity = Common("invoke", NewId(), from, channel, threadRootId, serviceUrl, appId);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["id"] = "action-" + NewId(),
                ["verb"] = execute["verb"]!.GetValue<string>(),
                ["data"] = data,
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>The bot was added to the team that owns <paramref name="channel"/> (the bot is in <c>membersAdded</c>).</summary>
    public static JsonObject BotAdded(string channel, Uri serviceUrl, string appId)
    {
        var admin = new TeamsPerson("admin", "Team Owner", "ad000000-0000-4000-8000-00000000ad00", "29:1teamOwner");
        var activity = Common("conversationUpdate", NewId(), admin, channel, null, serviceUrl, appId);
        activity["membersAdded"] = new JsonArray { new JsonObject { ["id"] = BotId(appId) } };
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    /// <summary>The bot's id in conversations: <c>28:{app id}</c>.</summary>
    public static string BotId(string appId) => "28:" + appId;

    private static JsonObject Common(string type, string id, TeamsPerson from, string channel, string? threadRootId, Uri serviceUrl, string appId) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["localTimestamp"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture),
        ["serviceUrl"] = serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.UserId, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = TenantId,
            ["id"] = threadRootId is null ? channel : channel + ";messageid=" + threadRootId,
        },
        ["recipient"] = new JsonObject { ["id"] = BotId(appId), ["name"] = BotName },
        ["channelData"] = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = channel },
            ["team"] = new JsonObject { ["id"] = TeamId },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        },
        ["locale"] = "en-US",
    };
}
