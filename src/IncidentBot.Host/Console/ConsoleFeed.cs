using IncidentBot.Core.Messages;

namespace IncidentBot.Host.Console;

/// <summary>
/// What the bot said on its own in the console's room, for pages that poll <c>/api/console/feed</c>: the console's
/// notifications once delivered, keyed by their outbox id (which only grows, across restarts too, so a page's
/// cursor stays valid). Kept in memory, the newest <see cref="Capacity"/> entries; the evidence log has the rest.
/// </summary>
public sealed class ConsoleFeed
{
    /// <summary>Entries kept.</summary>
    public const int Capacity = 2_000;

    private readonly object gate = new();
    private readonly SortedList<long, ConsoleFeedEntry> entries = [];

    /// <summary>Adds a delivered notification (once per outbox id).</summary>
    public void Add(long id, string incidentId, Card card)
    {
        lock (gate)
        {
            entries.TryAdd(id, new ConsoleFeedEntry(id, incidentId, card));
            while (entries.Count > Capacity) entries.RemoveAt(0);
        }
    }

    /// <summary>Entries with an id greater than <paramref name="after"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<ConsoleFeedEntry> After(long after, int max)
    {
        lock (gate)
        {
            return entries.Values.Where(e => e.Id > after).Take(max).ToList();
        }
    }
}

/// <summary>One feed entry: the card the room was shown for an incident.</summary>
public sealed record ConsoleFeedEntry(long Id, string IncidentId, Card Card);
