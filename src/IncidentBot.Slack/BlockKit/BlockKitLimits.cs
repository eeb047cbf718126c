using System.Text.Json.Nodes;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Slack's documented Block Kit limits (docs.slack.dev block, element and composition object pages; see
/// reference/PROTOCOLS.md §4) and a checker that lists every limit a message breaks. Self-contained on purpose: tests
/// run it over every message the bot sends, whoever built it.
/// </summary>
public static partial class BlockKitLimits
{
    /// <summary>Blocks in one message.</summary>
    public const int MaxBlocksPerMessage = 50;
    /// <summary>Blocks in a modal.</summary>
    public const int MaxBlocksPerView = 100;
    /// <summary>Top-level <c>text</c> of a message (longer text is truncated or refused by <c>chat.update</c>).</summary>
    public const int MaxMessageText = 4000;
    /// <summary>Header block text (plain_text).</summary>
    public const int MaxHeaderText = 150;
    /// <summary>Section block text.</summary>
    public const int MaxSectionText = 3000;
    /// <summary>Fields in one section block.</summary>
    public const int MaxSectionFields = 10;
    /// <summary>One section field's text.</summary>
    public const int MaxFieldText = 2000;
    /// <summary>Elements in a context block.</summary>
    public const int MaxContextElements = 10;
    /// <summary>Text of one context element.</summary>
    public const int MaxContextText = 3000;
    /// <summary>Elements in an actions block.</summary>
    public const int MaxActionsElements = 25;
    /// <summary><c>block_id</c>.</summary>
    public const int MaxBlockId = 255;
    /// <summary>Button text (plain_text).</summary>
    public const int MaxButtonText = 75;
    /// <summary><c>action_id</c>.</summary>
    public const int MaxActionId = 255;
    /// <summary>Button <c>value</c>.</summary>
    public const int MaxButtonValue = 2000;
    /// <summary>Button <c>url</c>.</summary>
    public const int MaxButtonUrl = 3000;
    /// <summary>Button <c>accessibility_label</c>.</summary>
    public const int MaxAccessibilityLabel = 75;
    /// <summary>Confirmation dialog title.</summary>
    public const int MaxConfirmTitle = 100;
    /// <summary>Confirmation dialog text.</summary>
    public const int MaxConfirmText = 300;
    /// <summary>Confirmation dialog confirm and deny button text.</summary>
    public const int MaxConfirmButton = 30;
    /// <summary>Modal title, submit and close text.</summary>
    public const int MaxViewTitle = 24;
    /// <summary>Modal <c>private_metadata</c>.</summary>
    public const int MaxPrivateMetadata = 3000;
    /// <summary>Modal <c>callback_id</c>.</summary>
    public const int MaxCallbackId = 255;
    /// <summary>Input block label.</summary>
    public const int MaxInputLabel = 2000;
    /// <summary>plain_text_input <c>max_length</c>.</summary>
    public const int MaxPlainTextInput = 3000;

    /// <summary>Every limit <paramref name="message"/> (a <c>chat.postMessage</c>/<c>chat.update</c>/<c>chat.postEphemeral</c>
    /// body or a response body with <c>text</c> and <c>blocks</c>) breaks; empty when it is within all of them.</summary>
    public static IReadOnlyList<string> Validate(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        var text = message["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(text)) problems.Add("text: the fallback text is missing");
        else CheckString(problems, "text", text, MaxMessageText);
        if (message["blocks"] is { } blocks) CheckBlocks(problems, blocks, MaxBlocksPerMessage, allowInputs: false);
        return problems;
    }

    /// <summary>Every limit a modal view (the <c>view</c> of <c>views.open</c>) breaks.</summary>
    public static IReadOnlyList<string> ValidateView(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var problems = new List<string>();
        if (Str(view["type"]) != "modal") problems.Add("view.type: must be modal");
        CheckPlainText(problems, "view.title", view["title"], MaxViewTitle, required: true);
        CheckPlainText(problems, "view.submit", view["submit"], MaxViewTitle, required: false);
        CheckPlainText(problems, "view.close", view["close"], MaxViewTitle, required: false);
        if (view["callback_id"] is { } cb) CheckString(problems, "view.callback_id", Str(cb), MaxCallbackId);
        if (view["private_metadata"] is { } pm) CheckString(problems, "view.private_metadata", Str(pm), MaxPrivateMetadata);
        if (view["blocks"] is { } blocks) CheckBlocks(problems, blocks, MaxBlocksPerView, allowInputs: true);
        else problems.Add("view.blocks: missing");
        return problems;
    }

    private static void CheckBlocks(List<string> problems, JsonNode blocks, int maxBlocks, bool allowInputs)
    {
        if (blocks is not JsonArray array) { problems.Add("blocks: must be an array"); return; }
        if (array.Count > maxBlocks) problems.Add($"blocks: {array.Count} blocks, at most {maxBlocks}");
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"blocks[{i}]";
            if (array[i] is not JsonObject block) { problems.Add(path + ": not an object"); continue; }
            if (block["block_id"] is { } id)
            {
                var blockId = Str(id);
                CheckString(problems, path + ".block_id", blockId, MaxBlockId);
                if (blockId is not null && !blockIds.Add(blockId)) problems.Add($"{path}.block_id: '{blockId}' is used twice");
            }
            switch (Str(block["type"]))
            {
                case "header": CheckPlainText(problems, path + ".text", block["text"], MaxHeaderText, required: true); break;
                case "section": CheckSection(problems, path, block); break;
                case "actions": CheckActions(problems, path, block); break;
                case "context": CheckContext(problems, path, block); break;
                case "divider": break;
                case "input" when allowInputs: CheckInput(problems, path, block); break;
                case var other: problems.Add($"{path}.type: '{other}' is not a block type this bot sends"); break;
            }
        }
    }
}
