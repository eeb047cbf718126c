using System.Text.Json;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// The fields of a Bot Framework activity the bot reads (an authenticated request's body); everything else is ignored.
/// Parsing never throws: <see cref="Parse"/> answers with the activity or with what is wrong.
/// </summary>
/// <param name="Type"><c>message</c>, <c>invoke</c>, <c>conversationUpdate</c>, …</param>
/// <param name="Id">The activity's id in its conversation.</param>
/// <param name="ChannelId"><c>msteams</c> for Teams.</param>
/// <param name="ServiceUrl">Where replies go (checked against the token's <c>serviceurl</c> claim).</param>
/// <param name="ConversationId">The conversation, with <c>;messageid=…</c> inside a channel's reply chain.</param>
/// <param name="TenantId">The tenant (<c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>).</param>
/// <param name="FromId">The sender's per-bot id (<c>29:…</c>).</param>
/// <param name="FromAadObjectId">The sender's Entra object id: who they are in governance.</param>
/// <param name="FromName">The sender's display name.</param>
/// <param name="RecipientId">The bot's id in this conversation (<c>28:…</c>).</param>
/// <param name="Text">Message text, mentions included.</param>
/// <param name="Mentions">The text of each mention of the bot (<c>&lt;at&gt;IncidentBot&lt;/at&gt;</c>).</param>
/// <param name="Name">An invoke's name (<c>adaptiveCard/action</c>).</param>
/// <param name="Value">An invoke's value.</param>
/// <param name="ReplyToId">The activity this one answers: for a card button, the card's message.</param>
/// <param name="MembersAdded">Ids of members added (conversationUpdate).</param>
public sealed record TeamsActivity(
    string Type,
    string? Id,
    string? ChannelId,
    string? ServiceUrl,
    string ConversationId,
    string? TenantId,
    string? FromId,
    string? FromAadObjectId,
    string? FromName,
    string? RecipientId,
    string? Text,
    IReadOnlyList<string> Mentions,
    string? Name,
    JsonElement? Value,
    string? ReplyToId,
    IReadOnlyList<string> MembersAdded)
{
    private const string ReplyChainMarker = ";messageid=";

    /// <summary>The conversation as a typed reference: a channel's reply chain splits into the channel and its root
    /// message id (the thread); the service URL and tenant come with it.</summary>
    public ConversationReference Conversation
    {
        get
        {
            var at = ConversationId.IndexOf(ReplyChainMarker, StringComparison.OrdinalIgnoreCase);
            var (channel, thread) = at > 0 ? (ConversationId[..at], ConversationId[(at + ReplyChainMarker.Length)..]) : (ConversationId, null);
            return new ConversationReference(Surfaces.Teams, channel, string.IsNullOrEmpty(thread) ? null : thread, ServiceUrl, TenantId);
        }
    }

    /// <summary>Reads an activity; null with a reason when the body is not one (not JSON, no type, no conversation).</summary>
    public static (TeamsActivity? Activity, string? Problem) Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON activity object.");
            if (!AllStringsReadable(root)) return (null, "The body has a string that is not valid Unicode (a lone surrogate escape).");
            var type = Str(root, "type");
            if (string.IsNullOrWhiteSpace(type)) return (null, "The activity has no type.");
            var conversation = Str(root, "conversation", "id");
            if (string.IsNullOrWhiteSpace(conversation)) return (null, "The activity has no conversation id.");
            return (new TeamsActivity(type, Str(root, "id"), Str(root, "channelId"), Str(root, "serviceUrl"), conversation,
                Str(root, "channelData", "tenant", "id") ?? Str(root, "conversation", "tenantId"),
                Str(root, "from", "id"), Str(root, "from", "aadObjectId"), Str(root, "from", "name"), Str(root, "recipient", "id"),
                Str(root, "text"), MentionsOfRecipient(root), Str(root, "name"),
                root.TryGetProperty("value", out var value) ? value.Clone() : null, Str(root, "replyToId"),
                Ids(root, "membersAdded")), null);
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }

    }

    private static IReadOnlyList<string> MentionsOfRecipient(JsonElement root)
    {
        var recipient = Str(root, "recipient", "id");
        if (!root.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>();
        foreach (var e in entities.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || Str(e, "type") != "mention") continue;
            // Identity comes from the entity, never from the text: only mentions of this bot are stripped.
            if (recipient is not null && Str(e, "mentioned", "id") is { } id && !string.Equals(id, recipient, StringComparison.OrdinalIgnoreCase)) continue;
            if (Str(e, "text") is { Length: > 0 } text) list.Add(text);
        }
        return list;
    }

    private static IReadOnlyList<string> Ids(JsonElement root, string property) =>
        root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(m => Str(m, "id")).OfType<string>()]
            : [];

    /// <summary>False when a string or property name cannot be read: System.Text.Json parses a lone surrogate escape
    /// (<c>"\uD800"</c>) but throws when it is read, and the activity's value is read later, by the card action parser.</summary>
    private static bool AllStringsReadable(JsonElement element)
    {
        try
        {
            return Readable(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Readable(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() is not null,
            JsonValueKind.Array => e.EnumerateArray().All(Readable),
            JsonValueKind.Object => e.EnumerateObject().All(p => p.Name is not null && Readable(p.Value)),
            _ => true,
        };
    }

    private static string? Str(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
