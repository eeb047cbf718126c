using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// The modal that asks for the text a button's command needs (a reason to reject, to cancel). The command and where
/// the button was travel in <c>private_metadata</c>, so the submission can be applied like the click would have been.
/// </summary>
public static class InputModal
{
    /// <summary>The modal's <c>callback_id</c>.</summary>
    public const string CallbackId = "incident-input";

    /// <summary>The input block's id.</summary>
    public const string BlockId = "input";

    /// <summary>The text input's action id.</summary>
    public const string ActionId = "text";

    /// <summary>Longest text accepted in the modal.</summary>
    public const int MaxInput = 2000;

    /// <summary>Builds the <c>views.open</c> view.</summary>
    public static JsonObject Build(string prompt, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(context);
        var label = prompt.Trim().Length > 0 ? prompt.Trim() : "Details";
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = BlockKitRenderer.PlainText("IncidentBot"),
            ["submit"] = BlockKitRenderer.PlainText("Send"),
            ["close"] = BlockKitRenderer.PlainText("Cancel"),
            ["private_metadata"] = JsonSerializer.Serialize(context, InboundJson.Options),
            ["blocks"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "section",
                    ["block_id"] = "command",
                    ["text"] = BlockKitRenderer.Mrkdwn("*Command:* " + SlackText.EscapeClip(context.Command, 2900)),
                },
                new JsonObject
                {
                    ["type"] = "input",
                    ["block_id"] = BlockId,
                    ["label"] = BlockKitRenderer.PlainText(SlackText.Clip(label, BlockKitLimits.MaxInputLabel)),
                    ["element"] = new JsonObject
                    {
                        ["type"] = "plain_text_input",
                        ["action_id"] = ActionId,
                        ["multiline"] = true,
                        ["max_length"] = MaxInput,
                    },
                },
            },
        };
    }

    /// <summary>Reads the context back from <c>private_metadata</c>; null when it is not the bot's.</summary>
    public static InputContext? ReadContext(string privateMetadata)
    {
        try
        {
            return JsonSerializer.Deserialize<InputContext>(privateMetadata, InboundJson.Options) is { Command.Length: > 0 } c ? c : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What a modal submission needs to be applied like the click that opened it.</summary>
/// <param name="Command">The button's command line.</param>
/// <param name="Channel">The channel the button was in.</param>
/// <param name="ThreadTs">The thread the card was in (null for a channel message).</param>
/// <param name="ConversationKey">The conversation key the click would have used.</param>
/// <param name="ReplyTo">The card message to update in place, if it can be.</param>
public sealed record InputContext(string Command, string Channel, string? ThreadTs, string? ConversationKey, string? ReplyTo);

internal static class InboundJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
