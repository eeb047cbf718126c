using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>What a connector call did.</summary>
public enum ConnectorStandInCallKind
{
    /// <summary><c>POST /v3/conversations/{id}/activities</c>: a new message (a root post, or a thread reply when the
    /// conversation id carries <c>;messageid=</c>).</summary>
    Send,

    /// <summary><c>POST /v3/conversations/{id}/activities/{activityId}</c>: a reply to an activity.</summary>
    Reply,

    /// <summary><c>PUT /v3/conversations/{id}/activities/{activityId}</c>: an activity replaced.</summary>
    Update,
}

/// <summary>
/// One connector call the stand-in accepted, in arrival order (<see cref="Sequence"/> from 1).
/// <see cref="ConversationId"/> is decoded; <see cref="RawPath"/> is the request target exactly as sent.
/// <see cref="ActivityId"/> is the id the stand-in assigned (send, reply) or the one replaced (update);
/// <see cref="ReplyToId"/> is the activity replied to (reply only).
/// </summary>
public sealed record ConnectorStandInCall(
    int Sequence,
    ConnectorStandInCallKind Kind,
    string Method,
    string ConversationId,
    string ActivityId,
    string? ReplyToId,
    JsonObject Activity,
    DateTimeOffset ReceivedAt,
    string RawPath)
{
    /// <summary>The activity's <c>text</c>, when it has one.</summary>
    public string? Text => Activity["text"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;

    /// <summary>The conversation id without a <c>;messageid=</c> suffix (the channel of a thread reply).</summary>
    public string ChannelId => ConversationId.Split(";messageid=", 2)[0];

    /// <summary>The root message a channel-thread post belongs to (<c>;messageid=</c> suffix), or null.</summary>
    public string? ThreadRootId => ConversationId.Split(";messageid=", 2) is [_, var root] ? root : null;
}

/// <summary>Every request the stand-in answered (token and connector, accepted or not), with the status it returned.</summary>
public sealed record ConnectorStandInRequest(string Method, string RawPath, int Status, DateTimeOffset ReceivedAt);
