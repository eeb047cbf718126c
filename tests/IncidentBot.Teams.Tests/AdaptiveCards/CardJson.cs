using System.Text.Json.Nodes;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

/// <summary>Small readers over rendered cards, so tests state what they look for rather than how to dig for it.</summary>
internal static class CardJson
{
    public static JsonArray Body(JsonNode card) => card["body"]!.AsArray();

    public static IEnumerable<JsonObject> Blocks(JsonNode card, string type) =>
        Body(card).OfType<JsonObject>().Where(b => Type(b) == type);

    /// <summary>The buttons of the card itself (ShowCard sub-cards not entered).</summary>
    public static List<JsonObject> Actions(JsonNode card) =>
        Blocks(card, "ActionSet").SelectMany(s => s["actions"]!.AsArray().OfType<JsonObject>()).ToList();

    /// <summary>The Action.Execute a button finally sends: itself, or the one inside its ShowCard.</summary>
    public static JsonObject ExecuteOf(JsonObject action) =>
        Type(action) == "Action.Execute" ? action : Actions(action["card"]!).Single(a => Type(a) == "Action.Execute");

    public static string? Type(JsonNode? node) => node?["type"]?.GetValue<string>();

    public static string Text(JsonNode? node) => node!["text"]!.GetValue<string>();

    /// <summary>Every text Teams reads as markdown (TextBlock text, fact titles and values), ShowCard cards included.</summary>
    public static IEnumerable<string> MarkdownTexts(JsonNode? node) => node switch
    {
        JsonObject o when Type(o) == "TextBlock" => [Text(o)],
        JsonObject o when Type(o) == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.SelectMany(p => MarkdownTexts(p.Value)),
        JsonArray a => a.SelectMany(MarkdownTexts),
        _ => [],
    };

    /// <summary>Every string in the card, depth first.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
