using System.Text.Json.Nodes;

namespace IncidentBot.Slack.BlockKit;

public static partial class BlockKitLimits
{
    private static void CheckSection(List<string> problems, string path, JsonObject block)
    {
        var hasText = block["text"] is not null;
        if (hasText) CheckTextObject(problems, path + ".text", block["text"], MaxSectionText);
        if (block["fields"] is { } f)
        {
            if (f is not JsonArray fields || fields.Count == 0) problems.Add(path + ".fields: must be a non-empty array");
            else
            {
                if (fields.Count > MaxSectionFields) problems.Add($"{path}.fields: {fields.Count} fields, at most {MaxSectionFields}");
                for (var i = 0; i < fields.Count; i++) CheckTextObject(problems, $"{path}.fields[{i}]", fields[i], MaxFieldText);
            }
        }
        else if (!hasText) problems.Add(path + ": a section needs text or fields");
        if (block["accessory"] is JsonObject accessory && Str(accessory["type"]) == "button") CheckButton(problems, path + ".accessory", accessory);
    }

    private static void CheckActions(List<string> problems, string path, JsonObject block)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0) { problems.Add(path + ".elements: must be a non-empty array"); return; }
        if (elements.Count > MaxActionsElements) problems.Add($"{path}.elements: {elements.Count} elements, at most {MaxActionsElements}");
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var p = $"{path}.elements[{i}]";
            if (elements[i] is not JsonObject e) { problems.Add(p + ": not an object"); continue; }
            if (Str(e["action_id"]) is { } aid && !actionIds.Add(aid)) problems.Add($"{p}.action_id: '{aid}' is used twice in the block");
            if (Str(e["type"]) == "button") CheckButton(problems, p, e);
            else problems.Add($"{p}.type: '{Str(e["type"])}' is not an element this bot sends");
        }
    }

    private static void CheckContext(List<string> problems, string path, JsonObject block)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0) { problems.Add(path + ".elements: must be a non-empty array"); return; }
        if (elements.Count > MaxContextElements) problems.Add($"{path}.elements: {elements.Count} elements, at most {MaxContextElements}");
        for (var i = 0; i < elements.Count; i++) CheckTextObject(problems, $"{path}.elements[{i}]", elements[i], MaxContextText);
    }

    private static void CheckInput(List<string> problems, string path, JsonObject block)
    {
        CheckPlainText(problems, path + ".label", block["label"], MaxInputLabel, required: true);
        if (block["element"] is not JsonObject e) { problems.Add(path + ".element: missing"); return; }
        if (Str(e["action_id"]) is { } aid) CheckString(problems, path + ".element.action_id", aid, MaxActionId);
        if (e["max_length"] is JsonValue v && v.TryGetValue<int>(out var max) && max > MaxPlainTextInput)
            problems.Add($"{path}.element.max_length: {max}, at most {MaxPlainTextInput}");
    }

    private static void CheckButton(List<string> problems, string path, JsonObject button)
    {
        CheckPlainText(problems, path + ".text", button["text"], MaxButtonText, required: true);
        if (button["action_id"] is { } aid) CheckString(problems, path + ".action_id", Str(aid), MaxActionId);
        if (button["value"] is { } value) CheckString(problems, path + ".value", Str(value), MaxButtonValue);
        if (button["url"] is { } url) CheckString(problems, path + ".url", Str(url), MaxButtonUrl);
        if (button["accessibility_label"] is { } al) CheckString(problems, path + ".accessibility_label", Str(al), MaxAccessibilityLabel);
        if (button["style"] is { } style && Str(style) is not ("primary" or "danger"))
            problems.Add($"{path}.style: '{Str(style)}' (only primary or danger; omit for default)");
        if (button["confirm"] is { } c)
        {
            if (c is not JsonObject confirm) { problems.Add(path + ".confirm: not an object"); return; }
            CheckPlainText(problems, path + ".confirm.title", confirm["title"], MaxConfirmTitle, required: true);
            CheckTextObject(problems, path + ".confirm.text", confirm["text"], MaxConfirmText);
            CheckPlainText(problems, path + ".confirm.confirm", confirm["confirm"], MaxConfirmButton, required: true);
            CheckPlainText(problems, path + ".confirm.deny", confirm["deny"], MaxConfirmButton, required: true);
            if (confirm["style"] is { } cs && Str(cs) is not ("primary" or "danger")) problems.Add($"{path}.confirm.style: '{Str(cs)}'");
        }
    }

    private static void CheckPlainText(List<string> problems, string path, JsonNode? node, int max, bool required)
    {
        if (node is null) { if (required) problems.Add(path + ": missing"); return; }
        if (node is not JsonObject o) { problems.Add(path + ": not a text object"); return; }
        if (Str(o["type"]) != "plain_text") problems.Add(path + ": must be plain_text");
        CheckString(problems, path, Str(o["text"]), max);
    }

    private static void CheckTextObject(List<string> problems, string path, JsonNode? node, int max)
    {
        if (node is not JsonObject o) { problems.Add(path + ": missing text object"); return; }
        if (Str(o["type"]) is not ("plain_text" or "mrkdwn")) problems.Add(path + ".type: must be plain_text or mrkdwn");
        CheckString(problems, path, Str(o["text"]), max);
    }

    private static void CheckString(List<string> problems, string path, string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) { problems.Add(path + ": empty"); return; }
        if (value.Length > max) problems.Add($"{path}: {value.Length} characters, at most {max}");
        for (var i = 0; i < value.Length; i++)
        {
            var lone = char.IsHighSurrogate(value[i]) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[++i]) : char.IsLowSurrogate(value[i]);
            if (lone) { problems.Add($"{path}: a surrogate pair is split at {i}"); return; }
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
