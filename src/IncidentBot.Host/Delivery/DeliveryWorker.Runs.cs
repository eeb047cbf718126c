using System.Diagnostics;
using System.Text.Json;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Host.Delivery;

public sealed partial class DeliveryWorker
{
    /// <summary>Delivers one incident's claimed run: per conversation, its segments in order (<see cref="DeliveryPlan"/>).
    /// A segment that must wait puts its first row back for later and releases the rest of that conversation's rows, so
    /// they follow it in order; the other conversations go on.</summary>
    private async Task DeliverRunAsync(IReadOnlyList<OutboxItem> run, InFlight flight, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var incidentId = run[0].Stream;
        // Every line of this run carries its incident, the surface and the outbox row (each segment narrows it to its own).
        var scope = new LogScope(Surface, OutboxDeliveryId(run[0].Id), incidentId);
        using var logScope = logger.BeginScope(scope);
        try
        {
            var rows = new List<(OutboxItem Item, Notification Notification)>(run.Count);
            foreach (var item in run)
            {
                if (Read(item) is { } notification) rows.Add((item, notification));
                else await SettleAsync(flight, [item], incidentId, new DeliveryResult.Refused("unreadable notification")).ConfigureAwait(false);
            }
            if (rows.FirstOrDefault(r => r.Notification.IncidentId.Length > 0).Notification is { } named) incidentId = scope.IncidentId = named.IncidentId;
            if (rows.Count == 0) return;
            if (await engine.CardAsync(incidentId, stoppingToken).ConfigureAwait(false) is not { } current)
            {
                await SettleAsync(flight, rows.Select(r => r.Item), incidentId, new DeliveryResult.Refused($"there is no incident {incidentId}")).ConfigureAwait(false);
                return;
            }
            var lines = await LinesAsync(incidentId, rows.Select(r => r.Notification), stoppingToken).ConfigureAwait(false);
            foreach (var conversation in rows.GroupBy(r => (Destination(r.Notification).Surface, Destination(r.Notification).Channel)))
                await DeliverConversationAsync(incidentId, Destination(conversation.Last().Notification), [.. conversation], lines, current, flight, stoppingToken)
                    .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: give the rows back now, so the next start (or another node) sends them at once.
            await TryAsync(() => outbox.ReleaseAllAsync(flight.Settle(run), CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Reading the incident failed (the store, most likely): the whole run waits and is tried again.
            DeliveryLog.SenderThrew(logger, Surface, run[0].Id, incidentId, e);
            var reason = e is StoreUnavailableException ? "store_unavailable" : e.GetType().Name;
            await SettleAsync(flight, run.Where(r => flight.Claims.ContainsKey(r.Id)).ToList(), incidentId, new DeliveryResult.RetryAt(null, reason)).ConfigureAwait(false);
        }
    }

    private async Task DeliverConversationAsync(string incidentId, ConversationReference to, IReadOnlyList<(OutboxItem Item, Notification Notification)> rows,
        IReadOnlyDictionary<long, string> lines, Card current, InFlight flight, CancellationToken stoppingToken)
    {
        var bound = await BoundAsync(incidentId, to, stoppingToken).ConfigureAwait(false);
        var segments = DeliveryPlan.Split(rows, n => LinesOf(n, lines), current, options.ThreadMessageChars);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var first = segment.Rows[0];
            using var segmentScope = logger.BeginScope(new LogScope(Surface, OutboxDeliveryId(first.Id), incidentId));
            var delivery = new NotificationDelivery(first.Id, incidentId, bound, current, segment.Change, segment.UpdateInPlace, first.Attempts + 1,
                segment.Lines, RefreshRoot: i == segments.Count - 1);
            // One span per message sent, in the trace of the command that caused its first row (the rows coalesced with
            // it are linked), so the platform call is seen under the slash command that led to it.
            using var span = BotTelemetry.StartCaused(BotSpans.Deliver, ActivityKind.Consumer, first.TraceParent, segment.Rows.Skip(1).Select(r => r.TraceParent))
                ?.SetTag(BotSpans.IncidentId, incidentId).SetTag(BotSpans.Surface, Surface).SetTag(BotSpans.OutboxId, first.Id)
                .SetTag(BotSpans.Attempt, first.Attempts + 1);
            DeliveryResult result;
            try
            {
                result = await sender.SendAsync(delivery, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DeliveryLog.SenderThrew(logger, Surface, first.Id, incidentId, e);
                result = new DeliveryResult.RetryAt(null, e.GetType().Name);
            }
            Traced(span, result);
            if (result is DeliveryResult.RetryAt)
            {
                // The segment's first row waits (counting the attempt); everything after it in this conversation follows it.
                await SettleAsync(flight, [first], incidentId, result).ConfigureAwait(false);
                var rest = segments.Skip(i).SelectMany(s => s.Rows).Skip(1).ToList();
                await TryAsync(() => outbox.ReleaseAllAsync(flight.Settle(rest), CancellationToken.None)).ConfigureAwait(false);
                return;
            }
            if (result is DeliveryResult.Delivered { StartedThread: { } thread })
            {
                // The thread is bound before the rows are completed: a crash in between re-delivers into the bound
                // thread, never a second root. The report's delivery id makes a repeated binding a no-op.
                if (!await TryAsync(() => engine.RecordThreadAsync(incidentId, thread, $"thread:{Surface}:{first.Id}", CancellationToken.None)).ConfigureAwait(false))
                    return; // the claims run out and the rows are looked at again
                bound = thread;
            }
            if (!await SettleAsync(flight, segment.Rows, incidentId, result).ConfigureAwait(false)) return;
        }
    }

    /// <summary>Records how a segment's delivery ended. Not cancellable: once the platform accepted a message, a graceful
    /// stop must not cut between its acceptance and its completion (that would send it twice). False when the claims
    /// were lost (someone else has the rows now: this run stops here).</summary>
    private async Task<bool> SettleAsync(InFlight flight, IEnumerable<OutboxItem> rows, string incidentId, DeliveryResult result)
    {
        var items = rows.ToList();
        if (items.Count == 0) return true;
        var claims = flight.Settle(items);
        var first = items[0];
        switch (result)
        {
            case DeliveryResult.RetryAt retry:
                var due = retry.At ?? time.GetUtcNow() + options.Backoff(first.Attempts + 1);
                var held = claims.Count > 0;
                foreach (var claim in claims)
                    held &= await TryAsync(() => outbox.RescheduleAsync(claim, due, retry.Reason, CancellationToken.None)).ConfigureAwait(false);
                if (!held) DeliveryLog.ClaimLost(logger, first.Id, incidentId, Surface);
                metrics?.Delivered(Surface, DeliveryOutcomes.Retry);
                DeliveryLog.Rescheduled(logger, first.Id, incidentId, Surface, first.Attempts + 1, retry.Reason, due);
                return held;
            case DeliveryResult.Refused refused:
                DeliveryLog.Refused(logger, first.Id, incidentId, Surface, refused.Reason);
                break;
        }
        var done = await TryAsync(() => outbox.CompleteAllAsync(claims, time.GetUtcNow(), CancellationToken.None)).ConfigureAwait(false);
        if (done < items.Count)
        {
            DeliveryLog.ClaimLost(logger, first.Id, incidentId, Surface);
            return false;
        }
        foreach (var item in items) DeliveryLog.Delivered(logger, item.Id, incidentId, Surface);
        metrics?.Delivered(Surface, result is DeliveryResult.Refused ? DeliveryOutcomes.Refused : DeliveryOutcomes.Delivered, items.Count);
        return true;
    }

    private static void Traced(Activity? span, DeliveryResult result)
    {
        if (span is null) return;
        span.SetTag(BotSpans.Outcome, result switch
        {
            DeliveryResult.Delivered => DeliveryOutcomes.Delivered,
            DeliveryResult.RetryAt => DeliveryOutcomes.Retry,
            _ => DeliveryOutcomes.Refused,
        });
        if (result is not DeliveryResult.Delivered) span.SetStatus(ActivityStatusCode.Error, result is DeliveryResult.RetryAt r ? r.Reason : DeliveryOutcomes.Refused);
    }

    private static Notification? Read(OutboxItem item)
    {
        try
        {
            return OutboxDrafts.Read<Notification>(item);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The lines of every event the rows name, read once for the whole run, by sequence number.</summary>
    private async Task<IReadOnlyDictionary<long, string>> LinesAsync(string incidentId, IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        var named = notifications.Where(n => n.DescribesEvents).ToList();
        if (named.Count == 0) return new Dictionary<long, string>();
        var lines = await engine.ThreadLinesAsync(incidentId, named.Min(n => n.FromSeq), named.Max(n => n.ToSeq), cancellationToken).ConfigureAwait(false);
        return lines.ToDictionary(l => l.Seq, l => l.Text);
    }

    private static IReadOnlyList<string> LinesOf(Notification notification, IReadOnlyDictionary<long, string> lines)
    {
        var own = new List<string>();
        for (var seq = notification.FromSeq; seq <= notification.ToSeq && notification.DescribesEvents; seq++)
            if (lines.TryGetValue(seq, out var line)) own.Add(line);
        return own;
    }

    private ConversationReference Destination(Notification notification) =>
        (notification.To ?? ConversationReference.FromOrigin(Surface, notification.Conversation) ?? new ConversationReference(Surface, "")).WithoutThread();

    /// <summary>The conversation as currently bound (with its thread once the root exists).</summary>
    private async Task<ConversationReference> BoundAsync(string incidentId, ConversationReference to, CancellationToken cancellationToken)
    {
        var bound = (await conversations.ConversationsOfAsync(incidentId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Surface == to.Surface && c.Channel == to.Channel) ?? to;
        // Announced in a place before the bot was told how to reach it (a Teams channel whose team added the bot later):
        // what the bot has learned about the place since then completes the reference.
        if (bound.ServiceUrl is null && bound.Channel.Length > 0
            && await conversations.FindKnownConversationAsync(bound.Surface, bound.Channel, cancellationToken).ConfigureAwait(false) is { ServiceUrl: { } url } known)
            bound = bound with { ServiceUrl = url, TenantId = bound.TenantId ?? known.TenantId };
        return bound;
    }

    /// <summary>The delivery id an outbox row is logged under.</summary>
    private static string OutboxDeliveryId(long id) => "outbox:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
