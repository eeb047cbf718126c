using IncidentBot.Core.Conversations;

namespace IncidentBot.Storage.Shared;

/// <summary>How both stores fold an incident's conversation bindings into the places it is discussed in.</summary>
public static class ConversationPlaces
{
    /// <summary>One reference per (surface, channel), in the order the places were first bound, each as last bound: a
    /// thread-level binding refines its channel-level one, keeping a service URL or tenant only the other carried.</summary>
    /// <param name="bindings">The incident's bindings in the order they were first bound.</param>
    public static IReadOnlyList<ConversationReference> OnePerPlace(IEnumerable<ConversationReference> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var places = new List<ConversationReference>();
        foreach (var row in bindings)
        {
            var i = places.FindIndex(p => p.Surface == row.Surface && p.Channel == row.Channel);
            if (i < 0) places.Add(row);
            else if (row.Thread is not null || places[i].Thread is null)
                places[i] = row with { ServiceUrl = row.ServiceUrl ?? places[i].ServiceUrl, TenantId = row.TenantId ?? places[i].TenantId };
        }
        return places;
    }
}
