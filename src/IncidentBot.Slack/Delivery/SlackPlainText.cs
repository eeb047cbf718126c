using System.Text;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Delivery;

/// <summary>
/// Cards as plain Slack text, no blocks: what the bot posts when Slack refuses the Block Kit form
/// (<c>invalid_blocks</c>, <c>msg_blocks_too_long</c>, …), so people still see the update.
/// </summary>
public static class SlackPlainText
{
    /// <summary>Slack's limit for a message's <c>text</c>.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The card as text: title, body, fields, small print; escaped for Slack and within 4000 characters.</summary>
    public static SlackMessage Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var text = new StringBuilder().Append('*').Append(SlackText.Escape(card.Title)).Append('*');
        if (card.Text.Length > 0) text.Append('\n').Append(SlackText.Escape(card.Text));
        foreach (var field in card.Fields) text.Append("\n• ").Append(SlackText.Escape(field.Label)).Append(": ").Append(SlackText.Escape(field.Value));
        if (card.Context.Length > 0) text.Append('\n').Append(SlackText.Escape(card.Context));
        return Text(text.ToString());
    }

    /// <summary>Lines of what happened as one message: escaped, one per line; as the message's text when it fits, else
    /// as sections of at most 3,000 characters (the text then is their clipped summary), so no line is lost.</summary>
    public static SlackMessage Lines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var joined = string.Join('\n', lines);
        var escaped = SlackText.Escape(joined);
        if (escaped.Length <= MaxTextLength) return new SlackMessage(escaped, []);
        var blocks = new System.Text.Json.Nodes.JsonArray();
        foreach (var piece in SlackText.EscapeSplit(joined, BlockKitLimits.MaxSectionText).Take(BlockKitLimits.MaxBlocksPerMessage))
            blocks.Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "section", ["text"] = BlockKitRenderer.Mrkdwn(piece) });
        return new SlackMessage(SlackText.EscapeClip(joined, MaxTextLength), blocks);
    }

    /// <summary>A message of already escaped text, clipped to <see cref="MaxTextLength"/>.</summary>
    public static SlackMessage Text(string escaped)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        return new SlackMessage(escaped.Length <= MaxTextLength ? escaped : escaped[..(MaxTextLength - 1)] + "…", []);
    }
}
