using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Inbound;

/// <summary>A click on a button (<c>block_actions</c>, first action), with where the button was.</summary>
/// <param name="UserId">Who clicked.</param>
/// <param name="TriggerId">For opening a modal, valid 3 seconds.</param>
/// <param name="ChannelId"><c>channel.id</c> (else <c>container.channel_id</c>); null outside a channel (Home tab, modal).</param>
/// <param name="MessageTs">The message the button is on (<c>container.message_ts</c>, else <c>message.ts</c>).</param>
/// <param name="ThreadTs">The thread the message is in (<c>message.thread_ts</c>, else <c>container.thread_ts</c>), if any.</param>
/// <param name="IsEphemeral">True when the button was on an ephemeral message (it cannot be updated in place).</param>
/// <param name="ActionId">The button's <c>action_id</c>.</param>
/// <param name="BlockId">The <c>block_id</c> of the block holding it.</param>
/// <param name="Value">The button's <c>value</c>, if it has one.</param>
public sealed record BlockAction(string UserId, string? TriggerId, string? ChannelId, string? MessageTs, string? ThreadTs,
    bool IsEphemeral, string ActionId, string BlockId, string? Value) : Interaction(UserId)
{
    internal static Parsed<Interaction> From(JsonObject json, string user)
    {
        if (json["actions"] is not JsonArray { Count: > 0 } actions || actions[0] is not JsonObject action)
            return Parsed<Interaction>.Failure("block_actions without actions.");
        var actionId = JsonFields.Str(action, "action_id");
        var blockId = JsonFields.Str(action, "block_id");
        if (actionId is null || blockId is null) return Parsed<Interaction>.Failure("The action needs action_id and block_id.");
        var container = json["container"];
        return Parsed<Interaction>.Success(new BlockAction(
            user,
            JsonFields.Str(json, "trigger_id"),
            JsonFields.Str(json, "channel", "id") ?? JsonFields.Str(container, "channel_id"),
            JsonFields.Str(container, "message_ts") ?? JsonFields.Str(json, "message", "ts"),
            JsonFields.Str(json, "message", "thread_ts") ?? JsonFields.Str(container, "thread_ts"),
            JsonFields.Bool(container, "is_ephemeral"),
            actionId,
            blockId,
            JsonFields.Str(action, "value")));
    }
}
