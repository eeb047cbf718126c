using IncidentBot.Core.Conversations;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Host.Delivery;

/// <summary>
/// Splits one conversation's pending notifications of an incident (oldest first) into the messages its thread gets: the
/// lines of consecutive commits together, up to a size per message; a card people must act on at the last commit that
/// asks for one, with the lines up to it leading it (an earlier request in the same batch is already superseded by the
/// state the card shows, so it is a line); rows from before lines existed (carrying their card) and declarations
/// (the root) alone, as they always were. Each segment is one non-idempotent post, so a retry never repeats a message.
/// </summary>
internal static class DeliveryPlan
{
    /// <summary>The segments, in order.</summary>
    /// <param name="rows">The rows and their payloads, oldest first.</param>
    /// <param name="linesOf">The lines of a row that names its events.</param>
    /// <param name="current">The incident's card as it stands now.</param>
    /// <param name="maxChars">Line text per message.</param>
    public static IReadOnlyList<DeliverySegment> Split(IReadOnlyList<(OutboxItem Item, Notification Notification)> rows,
        Func<Notification, IReadOnlyList<string>> linesOf, Card current, int maxChars)
    {
        var segments = new List<DeliverySegment>();
        for (var i = 0; i < rows.Count;)
        {
            var (item, notification) = rows[i];
            if (!notification.DescribesEvents)
            {
                segments.Add(new DeliverySegment([item], null, notification.Card, notification.UpdateInPlace));
                i++;
                continue;
            }
            var end = i;
            while (end < rows.Count && rows[end].Notification.DescribesEvents) end++;
            var lastAction = -1;
            for (var k = i; k < end; k++) if (rows[k].Notification.NeedsAction) lastAction = k;
            if (lastAction >= 0)
            {
                var upToAction = Chunk(rows, i, lastAction + 1, linesOf, maxChars);
                segments.AddRange(upToAction.Take(upToAction.Count - 1));
                var last = upToAction[^1];
                segments.Add(last with { Change = ThreadLines.Prefix(current, last.Lines ?? []) });
            }
            segments.AddRange(Chunk(rows, lastAction >= 0 ? lastAction + 1 : i, end, linesOf, maxChars));
            i = end;
        }
        return segments;
    }

    /// <summary>Rows [from, to) as line segments of at most <paramref name="maxChars"/> each (a row is never split).</summary>
    private static List<DeliverySegment> Chunk(IReadOnlyList<(OutboxItem Item, Notification Notification)> rows, int from, int to,
        Func<Notification, IReadOnlyList<string>> linesOf, int maxChars)
    {
        var chunks = new List<DeliverySegment>();
        var items = new List<OutboxItem>();
        var lines = new List<string>();
        var chars = 0;
        string? clicked = null;
        for (var k = from; k < to; k++)
        {
            var (item, notification) = rows[k];
            var own = linesOf(notification);
            var size = own.Sum(l => l.Length + 1);
            if (items.Count > 0 && chars + size > maxChars)
            {
                chunks.Add(new DeliverySegment([.. items], [.. lines], null, clicked));
                (items, lines, chars, clicked) = ([], [], 0, null);
            }
            items.Add(item);
            lines.AddRange(own);
            chars += size;
            clicked = notification.UpdateInPlace ?? clicked;
        }
        if (items.Count > 0) chunks.Add(new DeliverySegment([.. items], [.. lines], null, clicked));
        return chunks;
    }
}
