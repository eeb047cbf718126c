using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.AdaptiveCards;

/// <summary>
/// Checks an Adaptive Card against the rules every card IncidentBot sends to Teams must keep, and lists every rule it
/// breaks (empty when it keeps them all). Self-contained on purpose: any test project can run it over any card,
/// whoever built it.
/// <list type="bullet">
/// <item><c>type</c> AdaptiveCard, <c>version</c> at most <see cref="MaxVersion"/> (Teams' ceiling), and every element and
/// action type one that Adaptive Cards defines up to that version, used at a version that has it.</item>
/// <item><c>Action.Execute</c> and <c>Action.ShowCard</c> only in an <c>ActionSet</c> or a card's <c>actions</c>, at most
/// <see cref="MaxActionsPerSet"/> per set.</item>
/// <item>Serialized (default encoder, UTF-8) at most <see cref="MaxBytes"/>.</item>
/// <item>No empty text (TextBlock, fact, text run, action title, input label); no <c>${</c> anywhere and no template
/// keys (<c>$data</c>, <c>$when</c>…); every URL, markdown link included, absolute http or https.</item>
/// <item>Required properties present: <c>TextBlock.text</c>, <c>Action.Execute.verb</c> and <c>title</c>, input
/// <c>id</c> (unique in the card), <c>Action.ShowCard.card</c>, <c>Action.OpenUrl.url</c>, <c>Image.url</c>.</item>
/// </list>
/// </summary>
public static partial class AdaptiveCardRules
{
    /// <summary>Highest schema version Teams renders.</summary>
    public const string MaxVersion = "1.5";

    /// <summary>Largest serialized card: Teams' 28 KB message ceiling.</summary>
    public const int MaxBytes = 28 * 1024;

    /// <summary>Actions in one ActionSet or in a card's <c>actions</c>.</summary>
    public const int MaxActionsPerSet = 6;

    /// <summary>Element types of Adaptive Cards up to 1.5, with the version that brought each.</summary>
    public static readonly IReadOnlyDictionary<string, string> ElementTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TextBlock"] = "1.0", ["Image"] = "1.0", ["Container"] = "1.0", ["ColumnSet"] = "1.0", ["Column"] = "1.0",
        ["FactSet"] = "1.0", ["ImageSet"] = "1.0", ["Input.Text"] = "1.0", ["Input.Number"] = "1.0", ["Input.Date"] = "1.0",
        ["Input.Time"] = "1.0", ["Input.Toggle"] = "1.0", ["Input.ChoiceSet"] = "1.0", ["Media"] = "1.1",
        ["ActionSet"] = "1.2", ["RichTextBlock"] = "1.2", ["TextRun"] = "1.2", ["Table"] = "1.5", ["TableRow"] = "1.5",
        ["TableCell"] = "1.5",
    };

    /// <summary>Action types of Adaptive Cards up to 1.5, with the version that brought each.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Action.OpenUrl"] = "1.0", ["Action.Submit"] = "1.0", ["Action.ShowCard"] = "1.0",
        ["Action.ToggleVisibility"] = "1.2", ["Action.Execute"] = "1.4",
    };

    /// <summary>Every rule <paramref name="card"/> breaks, each as <c>path: what is wrong</c>.</summary>
    public static IReadOnlyList<string> Check(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var problems = new List<string>();
        if (card is not JsonObject root)
        {
            problems.Add("card: not a JSON object");
            return problems;
        }
        if (Str(root["type"]) != "AdaptiveCard") problems.Add("card.type: must be AdaptiveCard");
        var version = CardVersion(problems, root["version"]);
        var bytes = Encoding.UTF8.GetByteCount(root.ToJsonString());
        if (bytes > MaxBytes) problems.Add($"card: {bytes} bytes serialized, at most {MaxBytes}");
        var walk = new CardWalk(problems, version);
        CheckCard(walk, root, "card");
        ScanStrings(problems, root, "card");
        return problems;
    }

    private static Version CardVersion(List<string> problems, JsonNode? node)
    {
        var max = Version.Parse(MaxVersion);
        if (Str(node) is not { } text) { problems.Add("card.version: missing"); return max; }
        if (!Version.TryParse(text, out var version) || version.Major < 1) { problems.Add($"card.version: '{text}' is not a version"); return max; }
        if (version > max) problems.Add($"card.version: {text} is above {MaxVersion}, the highest Teams renders");
        return version;
    }

    private static void CheckCard(CardWalk walk, JsonObject card, string path)
    {
        var any = false;
        if (card["body"] is { } body)
        {
            if (body is not JsonArray items) walk.Add(path + ".body", "must be an array");
            else for (var i = 0; i < items.Count; i++, any = true) CheckElement(walk, items[i], $"{path}.body[{i}]");
        }
        if (card["actions"] is { } actions) any |= CheckActionList(walk, actions, path + ".actions");
        if (!any) walk.Add(path, "has neither body elements nor actions");
    }

    /// <summary>An ActionSet's or a card's actions: an array of at most <see cref="MaxActionsPerSet"/> buttons.</summary>
    private static bool CheckActionList(CardWalk walk, JsonNode node, string path)
    {
        if (node is not JsonArray actions) { walk.Add(path, "must be an array"); return false; }
        if (actions.Count == 0) walk.Add(path, "is empty");
        if (actions.Count > MaxActionsPerSet) walk.Add(path, $"{actions.Count} actions, at most {MaxActionsPerSet} per set");
        for (var i = 0; i < actions.Count; i++) CheckAction(walk, actions[i], $"{path}[{i}]", ActionPlace.Button);
        return actions.Count > 0;
    }

    /// <summary>No <c>${</c> in any name or string, no template keys.</summary>
    private static void ScanStrings(List<string> problems, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (name.Contains("${", StringComparison.Ordinal)) problems.Add($"{path}: property name '{name}' contains ${{");
                    else if (name.StartsWith('$') && name != "$schema") problems.Add($"{path}.{name}: a template key; cards are sent expanded");
                    ScanStrings(problems, value, $"{path}.{name}");
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) ScanStrings(problems, a[i], $"{path}[{i}]");
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Contains("${", StringComparison.Ordinal):
                problems.Add($"{path}: contains ${{, an unexpanded template expression");
                break;
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
