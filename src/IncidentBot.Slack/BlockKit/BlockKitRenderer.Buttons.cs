using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;

namespace IncidentBot.Slack.BlockKit;

public sealed partial class BlockKitRenderer
{
    /// <summary>Buttons, at most 25 per actions block. A button whose command would not fit Slack's 2000-character
    /// <c>value</c> is left out (a cut command would do something else) and counted.</summary>
    private static (List<JsonObject> Blocks, int Dropped) ActionBlocks(Card card, string key)
    {
        var buttons = new List<JsonObject>();
        var dropped = 0;
        foreach (var b in card.Buttons)
        {
            if (b.Command.Length is 0 or > BlockKitLimits.MaxButtonValue) { dropped++; continue; }
            buttons.Add(Button(b, buttons.Count));
        }
        var blocks = new List<JsonObject>();
        for (var i = 0; i < buttons.Count; i += BlockKitLimits.MaxActionsElements)
        {
            var elements = new JsonArray();
            foreach (var button in buttons.Skip(i).Take(BlockKitLimits.MaxActionsElements)) elements.Add(button);
            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = $"{key}:actions:{blocks.Count}", ["elements"] = elements });
        }
        return (blocks, dropped);
    }

    private static JsonObject Button(CardButton b, int index)
    {
        var label = b.Label.Trim().Length > 0 ? b.Label.Trim() : b.Command;
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(SlackText.Clip(label, BlockKitLimits.MaxButtonText)),
            ["action_id"] = ActionId(b, index),
            ["value"] = b.Command,
        };
        if (b.Style == ButtonStyle.Primary) button["style"] = "primary";
        else if (b.Style == ButtonStyle.Danger) button["style"] = "danger";
        if (b.Confirm is { } c) button["confirm"] = Confirm(c, b.Style);
        return button;
    }

    /// <summary><c>cmd:{n}</c>, or <c>input:{n}:{prompt}</c> for a button that asks for text first (the prompt
    /// travels in the action id because the value must stay the bare command line).</summary>
    private static string ActionId(CardButton b, int index)
    {
        if (b.InputPrompt is not { } prompt || prompt.Trim().Length == 0) return CommandActionPrefix + index;
        var head = $"{InputActionPrefix}{index}:";
        return head + SlackText.Clip(prompt.Trim(), BlockKitLimits.MaxActionId - head.Length);
    }

    private static JsonObject Confirm(ConfirmDialog c, ButtonStyle style)
    {
        var confirm = new JsonObject
        {
            ["title"] = PlainText(SlackText.Clip(NonEmpty(c.Title, "Are you sure?"), BlockKitLimits.MaxConfirmTitle)),
            ["text"] = PlainText(SlackText.Clip(NonEmpty(c.Text, "Are you sure?"), BlockKitLimits.MaxConfirmText)),
            ["confirm"] = PlainText(SlackText.Clip(NonEmpty(c.ConfirmLabel, "Yes"), BlockKitLimits.MaxConfirmButton)),
            ["deny"] = PlainText(SlackText.Clip(NonEmpty(c.DenyLabel, "Cancel"), BlockKitLimits.MaxConfirmButton)),
        };
        if (style == ButtonStyle.Danger) confirm["style"] = "danger";
        return confirm;
    }

    /// <summary>Parses an action id made by this renderer: the input prompt, or null for a plain command button.</summary>
    public static string? InputPromptOf(string? actionId) =>
        actionId is not null && actionId.StartsWith(InputActionPrefix, StringComparison.Ordinal) && actionId.IndexOf(':', InputActionPrefix.Length) is var colon and > 0
            ? actionId[(colon + 1)..]
            : null;

    private static string NonEmpty(string text, string fallback) => text.Trim().Length > 0 ? text.Trim() : fallback;
}
