using IncidentBot.Core.Conversations;

namespace IncidentBot.Core.Outbox;

/// <summary>How one delivery attempt ended, as a sender reports it.</summary>
public abstract record DeliveryResult
{
    private DeliveryResult() { }

    /// <summary>The platform accepted it. <paramref name="StartedThread"/>: the incident's thread this attempt created
    /// (its root message), which the engine binds to the incident so later messages go into it; null otherwise.</summary>
    public sealed record Delivered(ConversationReference? StartedThread = null) : DeliveryResult;

    /// <summary>Not now: try again at <paramref name="At"/> (a platform's <c>Retry-After</c>, or backoff). The incident's
    /// later messages to this surface wait behind it, so order is kept.</summary>
    public sealed record RetryAt(DateTimeOffset? At, string Reason) : DeliveryResult;

    /// <summary>Never: the platform refused it for good (unknown conversation, bot removed, bad credentials).
    /// Logged and completed, so it does not hold back the rest.</summary>
    public sealed record Refused(string Reason) : DeliveryResult;
}
