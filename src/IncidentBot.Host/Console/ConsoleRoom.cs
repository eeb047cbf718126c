using IncidentBot.Core.Commands;
using IncidentBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Console;

/// <summary>
/// The console's shared room: everything said in it, in order — people's messages, the bot's public replies to them and
/// its own notifications — for every open page (the live stream and the poll both read it). Ephemeral replies are not
/// in it: they stay with the person who asked. Cards come from the engine already redacted.
/// Kept in memory, the newest <see cref="ConsoleRoomOptions.Capacity"/> entries; the evidence log has the rest.
/// </summary>
public sealed class ConsoleRoom
{
    private readonly object gate = new();
    private readonly Queue<ConsoleRoomEntry> entries = new();
    private readonly HashSet<long> outboxIds = [];
    private readonly HashSet<ConsoleRoomSubscription> streams = [];
    private readonly TimeProvider time;
    private readonly ConsoleRoomOptions options;
    private long lastId;

    /// <summary>Creates an empty room.</summary>
    public ConsoleRoom(TimeProvider time, IOptions<ConsoleRoomOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        (this.time, this.options) = (time, options.Value);
        // A page's cursor outlives this process, so ids must keep growing across restarts without storing a counter: a
        // run's first id is its start time in microseconds (1.8e15 today, well inside a JavaScript number's 2^53).
        lastId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 - 1;
    }

    /// <summary>Streams open now.</summary>
    public int StreamCount
    {
        get { lock (gate) return streams.Count; }
    }

    /// <summary>The id of the newest entry, or the one before this run's first.</summary>
    public long LastId
    {
        get { lock (gate) return lastId; }
    }

    /// <summary>
    /// A person's line and the engine's answer to it: the line (when the engine accepted it, or answered it in public)
    /// and each public reply, together so nothing comes between them. A repeat of a delivery already handled adds nothing.
    /// </summary>
    public void Said(string user, string text, string? thread, string? tab, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == CommandOutcome.Duplicate) return;
        var replies = result.Replies.Where(r => r.Visibility == ReplyVisibility.Conversation).ToList();
        if (result.Outcome != CommandOutcome.Applied && replies.Count == 0) return;
        var at = time.GetUtcNow();
        lock (gate)
        {
            Append(new ConsoleRoomEntry(0, ConsoleRoomEntry.Message, thread, at, user, text, Tab: tab));
            foreach (var reply in replies)
                Append(new ConsoleRoomEntry(0, ConsoleRoomEntry.Reply, reply.Card.IncidentId ?? thread, at, Card: reply.Card, Tab: tab));
        }
    }

    /// <summary>A delivered notification (once per outbox id while it is kept).</summary>
    public void Notified(long outboxId, string incidentId, Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        lock (gate)
        {
            if (outboxIds.Contains(outboxId)) return;
            Append(new ConsoleRoomEntry(0, ConsoleRoomEntry.Notification, card.IncidentId ?? incidentId, time.GetUtcNow(), Card: card, OutboxId: outboxId));
        }
    }

    /// <summary>Entries with an id greater than <paramref name="after"/>, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<ConsoleRoomEntry> After(long after, int max)
    {
        lock (gate) return entries.Where(e => e.Id > after).Take(max).ToList();
    }

    /// <summary>
    /// Joins the room after <paramref name="after"/> (0: from the oldest entry kept): the entries already there come back
    /// as <paramref name="backlog"/> and every later one through the subscription, with nothing lost or repeated between.
    /// <paramref name="gap"/> says entries after the cursor are no longer kept (or the cursor is from another run), so the
    /// reader should reload what it shows from storage. Null when <see cref="ConsoleRoomOptions.MaxStreams"/> are open.
    /// </summary>
    public ConsoleRoomSubscription? Join(long after, out IReadOnlyList<ConsoleRoomEntry> backlog, out bool gap)
    {
        lock (gate)
        {
            backlog = [];
            gap = false;
            if (streams.Count >= options.MaxStreams) return null;
            var oldest = entries.TryPeek(out var first) ? first.Id : lastId + 1;
            // A cursor ahead of every id of this run comes from an earlier run whose clock was ahead: replay everything.
            if (after > lastId) (after, gap) = (0, true);
            else if (after > 0 && after < oldest - 1) gap = true;
            backlog = entries.Where(e => e.Id > after).ToList();
            var stream = new ConsoleRoomSubscription(this, options.BufferedEntries);
            streams.Add(stream);
            return stream;
        }
    }

    internal void Leave(ConsoleRoomSubscription stream)
    {
        lock (gate) streams.Remove(stream);
    }

    private void Append(ConsoleRoomEntry entry)
    {
        entry = entry with { Id = ++lastId };
        entries.Enqueue(entry);
        if (entry.OutboxId is { } outboxId) outboxIds.Add(outboxId);
        while (entries.Count > options.Capacity)
        {
            var old = entries.Dequeue();
            if (old.OutboxId is { } gone) outboxIds.Remove(gone);
        }
        List<ConsoleRoomSubscription>? behind = null;
        foreach (var stream in streams)
        {
            if (!stream.TryPush(entry)) (behind ??= []).Add(stream);
        }
        foreach (var stream in behind ?? [])
        {
            // Too slow to keep up: dropped rather than buffered without bound; it reconnects from its last id.
            streams.Remove(stream);
            stream.Drop();
        }
    }
}
