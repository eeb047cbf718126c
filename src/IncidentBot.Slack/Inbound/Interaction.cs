using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// An interactivity request (docs.slack.dev "Handling user interaction"): a form with one field, <c>payload</c>,
/// holding JSON. The subtypes are the kinds the bot acts on; anything else is <see cref="OtherInteraction"/>.
/// </summary>
/// <param name="UserId">Who interacted (<c>user.id</c>).</param>
public abstract record Interaction(string UserId)
{
    /// <summary>Parses the form body.</summary>
    public static Parsed<Interaction> Parse(ReadOnlySpan<byte> body)
    {
        var payload = SlackForm.Single(SlackForm.Parse(body), "payload");
        if (payload is null) return Parsed<Interaction>.Failure("An interaction is a form with one field, payload, holding JSON; it was missing.");
        if (JsonFields.ParseObject(payload) is not { } json) return Parsed<Interaction>.Failure("The payload field is not a JSON object.");
        var type = JsonFields.Str(json, "type");
        var user = JsonFields.Str(json, "user", "id");
        if (type is null || user is null) return Parsed<Interaction>.Failure("The payload needs type and user.id.");
        return type switch
        {
            "block_actions" => BlockAction.From(json, user),
            "view_submission" => ViewSubmission.From(json, user),
            _ => Parsed<Interaction>.Success(new OtherInteraction(user, type)),
        };
    }
}

/// <summary>An interaction the bot does not act on (shortcuts, closed views, legacy attachments); answered 200.</summary>
/// <param name="UserId">Who interacted.</param>
/// <param name="Type">The payload type.</param>
public sealed record OtherInteraction(string UserId, string Type) : Interaction(UserId);
