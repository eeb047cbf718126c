namespace IncidentBot.Core.Conversations;

/// <summary>
/// Queries over the conversations the engine bound to incidents and the places the bot has seen. Written only by the
/// store, in the same commit as the events that bound them (<see cref="Evidence.AppendRequest.Conversations"/>).
/// </summary>
public interface IConversationReadModel
{
    /// <summary>The incident bound to a conversation key (<see cref="ConversationReference.Key"/>) on a surface, or
    /// null. A channel-level key finds the incident last declared there; a thread key finds that thread's incident.</summary>
    Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey, CancellationToken cancellationToken);

    /// <summary>Every conversation bound to an incident, one per (surface, channel), each as last bound (with its
    /// thread once the root exists), in the order they were first bound.</summary>
    Task<IReadOnlyList<ConversationReference>> ConversationsOfAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>The last reference any commit carried for a place (surface and channel), without thread; null when the
    /// bot has never been told of it. Teams uses it to find the service URL of a channel an alert is announced in.</summary>
    Task<ConversationReference?> FindKnownConversationAsync(string surface, string channel, CancellationToken cancellationToken);
}
