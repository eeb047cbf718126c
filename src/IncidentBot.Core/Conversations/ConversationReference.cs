namespace IncidentBot.Core.Conversations;

/// <summary>
/// Where on a chat surface an incident is talked about, typed: enough for that surface's sender to post, reply and
/// update there without looking anything else up. Written by the engine with the events that bound it.
/// </summary>
/// <param name="Surface">One of <see cref="Evidence.Surfaces"/>.</param>
/// <param name="Channel">The place: a Slack channel id (<c>C0123</c>); a Teams conversation id without its reply
/// chain (<c>19:abc@thread.tacv2</c>, a group chat's or a personal chat's id); a console thread (<c>INC-7</c>).</param>
/// <param name="Thread">The incident's thread in that place once its root message exists: a Slack root <c>ts</c>, a
/// Teams root activity id (the reply chain <c>…;messageid=&lt;id&gt;</c>); null before.</param>
/// <param name="ServiceUrl">Teams: the Bot Framework service URL seen in an authenticated activity from this
/// conversation; outbound calls go only there. Null for other surfaces.</param>
/// <param name="TenantId">Teams: the tenant of the conversation. Null for other surfaces.</param>
public sealed record ConversationReference(string Surface, string Channel, string? Thread = null, string? ServiceUrl = null, string? TenantId = null)
{
    /// <summary>
    /// The lookup key of this reference on its surface: <c>Channel</c>, or <c>Channel/Thread</c> inside a thread.
    /// A command typed in the channel finds the incident last declared there; one typed in a thread finds that thread's.
    /// </summary>
    public string Key => Thread is { Length: > 0 } t ? Channel + "/" + t : Channel;

    /// <summary>The same place without its thread (the channel-level reference).</summary>
    public ConversationReference WithoutThread() => this with { Thread = null };

    /// <summary>The console's one room: its threads are the incidents themselves.</summary>
    public const string ConsoleRoom = "console";

    /// <summary>Splits a stored key (<c>Channel</c> or <c>Channel/Thread</c>) back into a reference on <paramref name="surface"/>.</summary>
    public static ConversationReference FromKey(string surface, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < key.Length - 1 ? new(surface, key[..slash], key[(slash + 1)..]) : new(surface, key.TrimEnd('/'));
    }

    /// <summary>
    /// Where an incident declared on <paramref name="surface"/> in <paramref name="conversationKey"/> talks, for
    /// declarations recorded before conversations were bound as events: the channel it was declared in (its new thread
    /// is started there), the console's room; null for surfaces that have no conversations (the API, the bot).
    /// </summary>
    public static ConversationReference? FromOrigin(string surface, string? conversationKey) => surface switch
    {
        Evidence.Surfaces.Console => new(surface, ConsoleRoom),
        Evidence.Surfaces.Slack or Evidence.Surfaces.Teams => new(surface, conversationKey is { Length: > 0 } k ? FromKey(surface, k).Channel : ""),
        _ => null,
    };
}
