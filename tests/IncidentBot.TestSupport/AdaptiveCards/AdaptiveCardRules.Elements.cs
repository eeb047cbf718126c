using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.AdaptiveCards;

public static partial class AdaptiveCardRules
{
    private static readonly string[] Colors = ["default", "dark", "light", "accent", "good", "warning", "attention"];
    private static readonly string[] Sizes = ["default", "small", "medium", "large", "extraLarge"];
    private static readonly string[] Weights = ["default", "lighter", "bolder"];
    private static readonly string[] Spacings = ["default", "none", "small", "medium", "large", "extraLarge", "padding"];
    private static readonly string[] TextStyles = ["default", "heading"];
    private static readonly string[] ContainerStyles = ["default", "emphasis", "good", "attention", "warning", "accent"];

    private static void CheckElement(CardWalk walk, JsonNode? node, string path, string? expected = null)
    {
        if (node is not JsonObject e) { walk.Add(path, "not an object"); return; }
        var type = Str(e["type"]) ?? (expected is "Column" or "TableRow" or "TableCell" ? expected : null);
        if (type is null) { walk.Add(path + ".type", "missing"); return; }
        if (!ElementTypes.TryGetValue(type, out var since)) { walk.Add(path + ".type", $"'{type}' is not an element of Adaptive Cards up to {MaxVersion}"); return; }
        walk.RequireVersion(path, type, since);
        if (expected is not null && type != expected) walk.Add(path + ".type", $"'{type}' where a {expected} belongs");
        else if (expected is null && type is "Column" or "TableRow" or "TableCell" or "TextRun")
            walk.Add(path + ".type", $"a {type} belongs inside its container, not among elements");

        Enum(walk, e, path, "spacing", Spacings);
        if (e["selectAction"] is { } select) CheckAction(walk, select, path + ".selectAction", ActionPlace.Select);
        if (e["fallback"] is { } fallback && Str(fallback) != "drop") CheckElement(walk, fallback, path + ".fallback", expected);

        switch (type)
        {
            case "TextBlock":
                MarkdownText(walk, e["text"], path + ".text");
                Enum(walk, e, path, "color", Colors);
                Enum(walk, e, path, "size", Sizes);
                Enum(walk, e, path, "weight", Weights);
                Enum(walk, e, path, "style", TextStyles);
                break;
            case "RichTextBlock": Inlines(walk, e, path); break;
            case "Image": Url(walk, e["url"], path + ".url", required: true); break;
            case "Media":
                Children(walk, e, path, "sources", required: true, (n, p) => Url(walk, (n as JsonObject)?["url"], p + ".url", required: true));
                Url(walk, e["poster"], path + ".poster", required: false);
                break;
            case "ImageSet": Children(walk, e, path, "images", required: true, (n, p) => CheckElement(walk, n, p, "Image")); break;
            case "Container" or "Column" or "TableCell":
                Enum(walk, e, path, "style", ContainerStyles);
                Background(walk, e, path);
                Children(walk, e, path, "items", required: type != "Column", (n, p) => CheckElement(walk, n, p));
                break;
            case "ColumnSet":
                Enum(walk, e, path, "style", ContainerStyles);
                Children(walk, e, path, "columns", required: false, (n, p) => CheckElement(walk, n, p, "Column"));
                break;
            case "Table":
                Children(walk, e, path, "rows", required: false, (n, p) => CheckElement(walk, n, p, "TableRow"));
                break;
            case "TableRow":
                Children(walk, e, path, "cells", required: true, (n, p) => CheckElement(walk, n, p, "TableCell"));
                break;
            case "FactSet":
                Children(walk, e, path, "facts", required: true, (n, p) =>
                {
                    MarkdownText(walk, (n as JsonObject)?["title"], p + ".title");
                    MarkdownText(walk, (n as JsonObject)?["value"], p + ".value");
                });
                break;
            case "ActionSet":
                if (e["actions"] is { } actions) CheckActionList(walk, actions, path + ".actions");
                else walk.Add(path + ".actions", "missing");
                break;
            default:
                if (type.StartsWith("Input.", StringComparison.Ordinal)) CheckInput(walk, e, path, type);
                break;
        }
    }

    private static void CheckInput(CardWalk walk, JsonObject input, string path, string type)
    {
        if (Str(input["id"]) is { } id && id.Trim().Length > 0) walk.InputId(path + ".id", id);
        else walk.Add(path + ".id", "missing or empty");
        foreach (var name in new[] { "label", "errorMessage", "placeholder" })
            if (input[name] is { } text) PlainText(walk, text, $"{path}.{name}");
        if (input["label"] is not null || input["isRequired"] is not null) walk.RequireVersion(path, "label/isRequired", "1.3");
        if (input["maxLength"] is { } max && !(max is JsonValue v && v.TryGetValue<int>(out var n) && n > 0))
            walk.Add(path + ".maxLength", "must be a positive integer");
        if (input["inlineAction"] is { } inline) CheckAction(walk, inline, path + ".inlineAction", ActionPlace.Inline);
        if (type == "Input.Toggle") PlainText(walk, input["title"], path + ".title");
        if (type == "Input.ChoiceSet")
            Children(walk, input, path, "choices", required: false, (n, p) =>
            {
                PlainText(walk, (n as JsonObject)?["title"], p + ".title");
                if (Str((n as JsonObject)?["value"]) is null) walk.Add(p + ".value", "missing");
            });
    }

    private static void Inlines(CardWalk walk, JsonObject e, string path) =>
        Children(walk, e, path, "inlines", required: true, (n, p) =>
        {
            if (Str(n) is { } s) { if (s.Trim().Length == 0) walk.Add(p, "empty text"); return; }
            if (n is not JsonObject run || Str(run["type"]) != "TextRun") { walk.Add(p, "an inline must be a string or a TextRun"); return; }
            PlainText(walk, run["text"], p + ".text");
            if (run["selectAction"] is { } select) CheckAction(walk, select, p + ".selectAction", ActionPlace.Select);
        });

    private static void Background(CardWalk walk, JsonObject e, string path)
    {
        if (e["backgroundImage"] is not { } bg) return;
        Url(walk, bg is JsonObject o ? o["url"] : bg, path + ".backgroundImage", required: true);
    }

    private static void Children(CardWalk walk, JsonObject e, string path, string name, bool required, Action<JsonNode?, string> check)
    {
        if (e[name] is not { } node) { if (required) walk.Add($"{path}.{name}", "missing"); return; }
        if (node is not JsonArray items) { walk.Add($"{path}.{name}", "must be an array"); return; }
        if (items.Count == 0 && required) walk.Add($"{path}.{name}", "is empty");
        for (var i = 0; i < items.Count; i++) check(items[i], $"{path}.{name}[{i}]");
    }

    private static void Enum(CardWalk walk, JsonObject e, string path, string name, string[] allowed)
    {
        if (e[name] is not { } node) return;
        if (Str(node) is not { } value || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
            walk.Add($"{path}.{name}", $"'{node.ToJsonString()}' is not one of {string.Join(", ", allowed)}");
    }
}
