using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Inbound;

/// <summary>A submitted modal (<c>view_submission</c>).</summary>
/// <param name="UserId">Who submitted.</param>
/// <param name="ViewId"><c>view.id</c>: the submission's identity.</param>
/// <param name="CallbackId"><c>view.callback_id</c>: which modal.</param>
/// <param name="PrivateMetadata"><c>view.private_metadata</c> as the bot set it.</param>
/// <param name="Values"><c>view.state.values</c>: block id → action id → element state.</param>
public sealed record ViewSubmission(string UserId, string ViewId, string CallbackId, string PrivateMetadata, JsonObject Values) : Interaction(UserId)
{
    /// <summary>The text typed into a plain_text_input, or null.</summary>
    public string? TextOf(string blockId, string actionId) =>
        Values[blockId] is JsonObject block && block[actionId] is JsonObject element ? JsonFields.Str(element, "value") : null;

    internal static Parsed<Interaction> From(JsonObject json, string user)
    {
        if (json["view"] is not JsonObject view) return Parsed<Interaction>.Failure("view_submission without view.");
        var id = JsonFields.Str(view, "id");
        if (id is null) return Parsed<Interaction>.Failure("view_submission without view.id.");
        var values = view["state"] is JsonObject state && state["values"] is JsonObject v ? (JsonObject)v.DeepClone() : [];
        return Parsed<Interaction>.Success(new ViewSubmission(user, id, JsonFields.Str(view, "callback_id") ?? "",
            JsonFields.Str(view, "private_metadata") ?? "", values));
    }
}
