using System.Text.Json.Nodes;
using IncidentBot.Core.Messages;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Draws a surface-neutral <see cref="Card"/> as a Slack message inside every Block Kit limit (<see cref="BlockKitLimits"/>).
/// People's text is escaped for mrkdwn. Each button's <c>value</c> is the full command line it submits; each block's
/// <c>block_id</c> starts with the card's <see cref="Card.Key"/> (<c>INC-7@12:actions:0</c>), so a click on the same
/// button of the same card version always has the same identity and applies once.
/// </summary>
public sealed partial class BlockKitRenderer
{
    /// <summary>Prefix of the <c>action_id</c> of a button that submits its command as it is (<c>cmd:3</c>).</summary>
    public const string CommandActionPrefix = "cmd:";

    /// <summary>Prefix of the <c>action_id</c> of a button that first asks for text (<c>input:3:Why reject it?</c>).</summary>
    public const string InputActionPrefix = "input:";

    private const int MaxKeyLength = 200;

    /// <summary>Renders one card.</summary>
    public SlackMessage Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var key = SlackText.Clip(string.IsNullOrWhiteSpace(card.Key) ? card.IncidentId ?? "card" : card.Key, MaxKeyLength);
        var header = Header(card, key);
        var textBlocks = TextBlocks(card, key);
        var fieldBlocks = FieldBlocks(card, key);
        var (actionBlocks, droppedButtons) = ActionBlocks(card, key);
        var context = ContextBlock(card, key, droppedButtons);

        var fixedCount = 1 + fieldBlocks.Count + actionBlocks.Count + (context is null ? 0 : 1);
        var blocks = new JsonArray { header };
        var omitted = 0;
        var textRoom = Math.Max(0, BlockKitLimits.MaxBlocksPerMessage - fixedCount);
        if (textBlocks.Count > textRoom)
        {
            // Keep the buttons and fields (they are what people act on); cut the prose and say so.
            textRoom = Math.Max(0, textRoom - 1);
            omitted += textBlocks.Count - textRoom;
        }
        foreach (var b in textBlocks.Take(textRoom)) blocks.Add(b);
        var rest = fieldBlocks.Concat(actionBlocks).ToList();
        var restRoom = BlockKitLimits.MaxBlocksPerMessage - blocks.Count - (context is null ? 0 : 1) - (omitted > 0 ? 1 : 0);
        if (rest.Count > restRoom)
        {
            if (omitted == 0) restRoom--;
            omitted += rest.Count - restRoom;
            rest = rest.Take(restRoom).ToList();
        }
        foreach (var b in rest) blocks.Add(b);
        if (omitted > 0) blocks.Add(TruncationNote(card, key, omitted));
        if (context is not null && blocks.Count < BlockKitLimits.MaxBlocksPerMessage) blocks.Add(context);
        return new SlackMessage(FallbackText(card), blocks);
    }

    /// <summary>The notification text: title and state, escaped (Slack parses it as mrkdwn, so it must not ping).</summary>
    private static string FallbackText(Card card)
    {
        var state = card.Fields.FirstOrDefault(f => f.Label == "State")?.Value;
        var title = card.Title.Length > 0 ? card.Title : "IncidentBot";
        return SlackText.EscapeClip(state is null ? title : $"{title} · {state}", BlockKitLimits.MaxMessageText);
    }

    private static JsonObject Header(Card card, string key)
    {
        var icon = card.Tone switch
        {
            CardTone.Success => "✅ ",
            CardTone.Warning => "⚠️ ",
            CardTone.Danger => "🚨 ",
            _ => "",
        };
        var title = card.Title.Trim().Length > 0 ? card.Title.Trim() : "IncidentBot";
        return new JsonObject
        {
            ["type"] = "header",
            ["block_id"] = key + ":header",
            ["text"] = PlainText(SlackText.Clip(icon + title, BlockKitLimits.MaxHeaderText)),
        };
    }

    private static List<JsonObject> TextBlocks(Card card, string key) =>
        SlackText.EscapeSplit(card.Text, BlockKitLimits.MaxSectionText)
            .Select((piece, i) => new JsonObject
            {
                ["type"] = "section",
                ["block_id"] = $"{key}:text:{i}",
                ["text"] = Mrkdwn(piece),
            })
            .ToList();

    private static List<JsonObject> FieldBlocks(Card card, string key)
    {
        var blocks = new List<JsonObject>();
        var fields = card.Fields.Where(f => f.Label.Length > 0 || f.Value.Length > 0).ToList();
        for (var i = 0; i < fields.Count; i += BlockKitLimits.MaxSectionFields)
        {
            var group = new JsonArray();
            foreach (var f in fields.Skip(i).Take(BlockKitLimits.MaxSectionFields))
            {
                var label = SlackText.EscapeClip(f.Label, 200);
                var value = SlackText.EscapeClip(f.Value.Length > 0 ? f.Value : "—", BlockKitLimits.MaxFieldText - label.Length - 3);
                group.Add(Mrkdwn(label.Length > 0 ? $"*{label}*\n{value}" : value));
            }
            blocks.Add(new JsonObject { ["type"] = "section", ["block_id"] = $"{key}:fields:{blocks.Count}", ["fields"] = group });
        }
        return blocks;
    }

    private static JsonObject? ContextBlock(Card card, string key, int droppedButtons)
    {
        var elements = new JsonArray();
        if (card.Context.Trim().Length > 0) elements.Add(Mrkdwn(SlackText.EscapeClip(card.Context.Trim(), BlockKitLimits.MaxContextText)));
        if (droppedButtons > 0)
            elements.Add(Mrkdwn($"{droppedButtons} action(s) could not be shown as buttons; type /incident help for the commands."));
        return elements.Count == 0 ? null : new JsonObject { ["type"] = "context", ["block_id"] = key + ":context", ["elements"] = elements };
    }

    private static JsonObject TruncationNote(Card card, string key, int omitted)
    {
        var how = card.IncidentId is { } id ? $"/incident status {id} or /incident export {id}" : "/incident help";
        return new JsonObject
        {
            ["type"] = "context",
            ["block_id"] = key + ":truncated",
            ["elements"] = new JsonArray { Mrkdwn(SlackText.Escape($"Message shortened for Slack: {omitted} block(s) not shown. {how} shows everything.")) },
        };
    }

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    internal static JsonObject Mrkdwn(string escapedText) => new() { ["type"] = "mrkdwn", ["text"] = escapedText };
}
