using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.TestSupport.AdaptiveCards;

public static partial class AdaptiveCardRules
{
    private static readonly string[] ActionStyles = ["default", "positive", "destructive"];

    private static void CheckAction(CardWalk walk, JsonNode? node, string path, ActionPlace place)
    {
        if (node is not JsonObject a) { walk.Add(path, "not an object"); return; }
        var type = Str(a["type"]);
        if (type is null) { walk.Add(path + ".type", "missing"); return; }
        if (!ActionTypes.TryGetValue(type, out var since)) { walk.Add(path + ".type", $"'{type}' is not an action of Adaptive Cards up to {MaxVersion}"); return; }
        walk.RequireVersion(path, type, since);
        if (place != ActionPlace.Button && type is "Action.Execute" or "Action.ShowCard")
            walk.Add(path, $"{type} belongs in an ActionSet or a card's actions, not in {(place == ActionPlace.Select ? "selectAction" : "inlineAction")}");

        if (place == ActionPlace.Button || type == "Action.Execute") PlainText(walk, a["title"], path + ".title");
        else if (a["title"] is { } title) PlainText(walk, title, path + ".title");
        Url(walk, a["iconUrl"], path + ".iconUrl", required: false);
        Enum(walk, a, path, "style", ActionStyles);
        if (a["fallback"] is { } fallback && Str(fallback) != "drop") CheckAction(walk, fallback, path + ".fallback", place);

        switch (type)
        {
            case "Action.Execute":
                if (Str(a["verb"]) is not { } verb || verb.Trim().Length == 0) walk.Add(path + ".verb", "missing or empty");
                if (a["data"] is { } data && data is not JsonObject && Str(data) is null) walk.Add(path + ".data", "must be an object or a string");
                break;
            case "Action.ShowCard":
                if (a["card"] is JsonObject card)
                {
                    if (Str(card["type"]) != "AdaptiveCard") walk.Add(path + ".card.type", "must be AdaptiveCard");
                    CheckCard(walk, card, path + ".card");
                }
                else walk.Add(path + ".card", "missing");
                break;
            case "Action.OpenUrl":
                Url(walk, a["url"], path + ".url", required: true);
                break;
            case "Action.ToggleVisibility":
                if (a["targetElements"] is not JsonArray { Count: > 0 }) walk.Add(path + ".targetElements", "missing or empty");
                break;
        }
    }

    /// <summary>An absolute http or https URL.</summary>
    private static void Url(CardWalk walk, JsonNode? node, string path, bool required)
    {
        if (node is null) { if (required) walk.Add(path, "missing"); return; }
        if (Str(node) is not { } text || !IsHttp(text)) walk.Add(path, $"'{Str(node) ?? node.ToJsonString()}' is not an absolute http(s) URL");
    }

    private static bool IsHttp(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Text shown as is: present, a string, not blank.</summary>
    private static void PlainText(CardWalk walk, JsonNode? node, string path)
    {
        if (node is null) { walk.Add(path, "missing"); return; }
        if (Str(node) is not { } text) walk.Add(path, "must be a string");
        else if (text.Trim().Length == 0) walk.Add(path, "empty text");
    }

    /// <summary>Markdown text: as <see cref="PlainText"/>, and every link in it (<c>[text](url)</c>, <c>&lt;scheme:…&gt;</c>)
    /// goes to an http(s) URL.</summary>
    private static void MarkdownText(CardWalk walk, JsonNode? node, string path)
    {
        PlainText(walk, node, path);
        if (Str(node) is not { } text) return;
        foreach (Match m in MarkdownLink().Matches(text))
            if (!IsHttp(m.Groups[1].Value)) walk.Add(path, $"links to '{m.Groups[1].Value}', not an http(s) URL");
        foreach (Match m in AutoLink().Matches(text))
            if (!IsHttp(m.Groups[1].Value)) walk.Add(path, $"autolinks '{m.Groups[1].Value}', not an http(s) URL");
    }

    [GeneratedRegex(@"\]\(\s*<?([^\s)>]*)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")]
    private static partial Regex AutoLink();
}
