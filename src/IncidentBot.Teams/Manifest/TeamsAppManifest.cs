using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Manifest;

/// <summary>
/// The Teams app manifest (<c>manifests/teams/manifest.json</c>) as the packager needs it: the app id, which must equal
/// the one bot's <c>botId</c> (both are the Azure Bot's Microsoft App ID), and the two icon file names.
/// </summary>
public sealed class TeamsAppManifest
{
    /// <summary>The app id committed in the repository; replace it with your Microsoft App ID.</summary>
    public const string PlaceholderAppId = "00000000-0000-0000-0000-000000000000";

    // A file for people to read, not HTML: keep "…" and quotes as they are.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _json;

    private TeamsAppManifest(JsonObject json, string colorIcon, string outlineIcon)
    {
        _json = json;
        ColorIcon = colorIcon;
        OutlineIcon = outlineIcon;
    }

    /// <summary>The app id (<c>id</c>), lower-case GUID.</summary>
    public string AppId => Guid.Parse(_json["id"]!.GetValue<string>()).ToString("D");

    /// <summary>The bot's id (<c>bots[0].botId</c>).</summary>
    public string BotId => Guid.Parse(_json["bots"]![0]!["botId"]!.GetValue<string>()).ToString("D");

    /// <summary>File name of the 192×192 colour icon (<c>icons.color</c>).</summary>
    public string ColorIcon { get; }

    /// <summary>File name of the 32×32 outline icon (<c>icons.outline</c>).</summary>
    public string OutlineIcon { get; }

    /// <summary>True while the app id is still <see cref="PlaceholderAppId"/>.</summary>
    public bool HasPlaceholderId => AppId == PlaceholderAppId;

    /// <summary>Reads a manifest; null and a reason when it is not JSON, its <c>id</c> is not a GUID, it has not exactly
    /// one bot with a GUID <c>botId</c>, or an icon is not a plain file name (icons sit at the package root).</summary>
    public static TeamsAppManifest? Parse(string json, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed) { problem = "manifest.json is not a JSON object."; return null; }
            root = parsed;
        }
        catch (JsonException ex)
        {
            problem = $"manifest.json is not valid JSON: {ex.Message}";
            return null;
        }
        problem = Problem(root);
        if (problem is not null) return null;
        return new TeamsAppManifest(root, root["icons"]!["color"]!.GetValue<string>(), root["icons"]!["outline"]!.GetValue<string>());
    }

    /// <summary>Sets both <c>id</c> and <c>bots[0].botId</c> to <paramref name="appId"/> (a validated GUID).</summary>
    public void SetAppId(Guid appId)
    {
        var id = appId.ToString("D");
        _json["id"] = id;
        _json["bots"]![0]!["botId"] = id;
    }

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => _json.ToJsonString(Indented);

    private static string? Problem(JsonObject root)
    {
        if (!IsGuid(root["id"])) return "manifest.json: id must be a GUID.";
        if (root["bots"] is not JsonArray { Count: 1 } bots || bots[0] is not JsonObject bot) return "manifest.json: bots must hold exactly one bot.";
        if (!IsGuid(bot["botId"])) return "manifest.json: bots[0].botId must be a GUID.";
        if (root["icons"] is not JsonObject icons) return "manifest.json: icons is missing.";
        foreach (var name in new[] { "color", "outline" })
        {
            if (Str(icons[name]) is not { Length: > 0 } file || file != Path.GetFileName(file) || file.Contains('/') || file.Contains('\\'))
                return $"manifest.json: icons.{name} must be a file name beside manifest.json.";
        }
        return null;
    }

    private static bool IsGuid(JsonNode? node) => Str(node) is { } s && Guid.TryParseExact(s, "D", out _);

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
