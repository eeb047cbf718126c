namespace IncidentBot.Slack.Inbound;

/// <summary>An Events API request (docs.slack.dev "Using HTTP request URLs"): a URL check, an event, or something else.</summary>
/// <param name="Type">Outer <c>type</c>: <c>url_verification</c>, <c>event_callback</c>, …</param>
/// <param name="Challenge">The value to echo for <c>url_verification</c>.</param>
/// <param name="EventId">Identity of an event delivery; retries carry the same id.</param>
/// <param name="Event">The inner event of an <c>event_callback</c>.</param>
public sealed record EventRequest(string Type, string? Challenge, string? EventId, SlackEvent? Event)
{
    /// <summary>Parses a JSON body. <c>url_verification</c> needs <c>challenge</c>; <c>event_callback</c> needs <c>event_id</c> and <c>event.type</c>.</summary>
    public static Parsed<EventRequest> Parse(ReadOnlySpan<byte> body)
    {
        if (JsonFields.ParseObject(body) is not { } json) return Parsed<EventRequest>.Failure("The body must be a JSON object.");
        var type = JsonFields.Str(json, "type");
        switch (type)
        {
            case null:
                return Parsed<EventRequest>.Failure("The body needs a type.");
            case "url_verification":
                var challenge = JsonFields.Str(json, "challenge");
                return challenge is null
                    ? Parsed<EventRequest>.Failure("url_verification needs a challenge.")
                    : Parsed<EventRequest>.Success(new EventRequest(type, challenge, null, null));
            case "event_callback":
                var eventId = JsonFields.Str(json, "event_id");
                var e = json["event"];
                var eventType = JsonFields.Str(e, "type");
                if (eventId is null || eventType is null) return Parsed<EventRequest>.Failure("event_callback needs event_id and event.type.");
                return Parsed<EventRequest>.Success(new EventRequest(type, null, eventId, new SlackEvent(eventType,
                    JsonFields.Str(e, "user"), JsonFields.Str(e, "channel"), JsonFields.Str(e, "ts"), JsonFields.Str(e, "thread_ts"),
                    JsonFields.Str(e, "text") ?? "", JsonFields.Str(e, "bot_id"), JsonFields.Str(e, "subtype"))));
            default:
                return Parsed<EventRequest>.Success(new EventRequest(type, null, JsonFields.Str(json, "event_id"), null));
        }
    }
}

/// <summary>The inner event, the fields the bot uses.</summary>
/// <param name="Type"><c>app_mention</c>, <c>message</c>, …</param>
/// <param name="User">Who wrote it.</param>
/// <param name="Channel">Where.</param>
/// <param name="Ts">The message's ts.</param>
/// <param name="ThreadTs">The thread's root ts when in a thread.</param>
/// <param name="Text">The text, as Slack escaped it.</param>
/// <param name="BotId">Set when a bot wrote it.</param>
/// <param name="Subtype">Message subtype (<c>bot_message</c>, edits, …).</param>
public sealed record SlackEvent(string Type, string? User, string? Channel, string? Ts, string? ThreadTs, string Text, string? BotId, string? Subtype)
{
    /// <summary>True when a bot (this one or another) wrote it; bots are never obeyed.</summary>
    public bool IsFromBot => BotId is not null || Subtype == "bot_message";
}
