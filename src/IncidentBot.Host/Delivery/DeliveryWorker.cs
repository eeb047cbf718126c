using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Host.Delivery;

/// <summary>
/// Delivers the notifications the engine committed for one surface, written once for every surface. It claims only
/// the oldest unfinished notification of each incident (so an incident's messages arrive in commit order), hands each
/// to the surface's <see cref="INotificationSender"/> with the conversation as currently bound and the incident's
/// current card, and records the answer: delivered (binding a thread the sender started, through the engine),
/// retry at a time (the platform's <c>Retry-After</c>, else backoff; never given up on), or refused for good (logged
/// and completed so it does not hold back the rest). Claims are renewed while a message is in flight and released on
/// a graceful stop; after a crash they run out and the message is tried again.
/// </summary>
public sealed class DeliveryWorker(INotificationSender sender, IOutbox outbox, IncidentEngine engine, IConversationReadModel conversations,
    TimeProvider time, DeliveryOptions options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    /// <summary>The surface this worker delivers to.</summary>
    public string Surface => sender.Surface;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DeliveryLog.Started(logger, Surface, options.MaxConcurrency);
        var running = new Dictionary<long, InFlight>();
        var renewAt = time.GetUtcNow() + (options.Lease / 3);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var item in await ClaimAsync(options.MaxConcurrency - running.Count, stoppingToken).ConfigureAwait(false))
            {
                // Claimed again while still in flight here (a renewal failed): keep sending once, under the newer claim.
                if (running.TryGetValue(item.Id, out var flying)) flying.Claim = item.Claim!;
                else
                {
                    var inFlight = new InFlight(item.Claim!);
                    inFlight.Task = DeliverAsync(item, inFlight, stoppingToken);
                    running.Add(item.Id, inFlight);
                }
            }
            if (time.GetUtcNow() >= renewAt)
            {
                await RenewAsync(running.Values.Where(r => !r.Task.IsCompleted)).ConfigureAwait(false);
                renewAt = time.GetUtcNow() + (options.Lease / 3);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var poll = Task.Delay(options.PollInterval, time, wake.Token);
            await Task.WhenAny(running.Values.Select(r => r.Task).Append(poll)).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            foreach (var (id, _) in running.Where(r => r.Value.Task.IsCompleted).ToList()) running.Remove(id);
        }
        await Task.WhenAll(running.Values.Select(r => r.Task)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(int free, CancellationToken stoppingToken)
    {
        if (free <= 0) return [];
        try
        {
            return await outbox.ClaimStreamHeadsAsync(OutboxKind.Notify, Surface, time.GetUtcNow(), options.Lease, free, stoppingToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            DeliveryLog.OutboxFailed(logger, Surface, e);
            return [];
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return [];
        }
    }

    private async Task RenewAsync(IEnumerable<InFlight> flying)
    {
        foreach (var f in flying)
        {
            var until = time.GetUtcNow() + options.Lease;
            if (await TryAsync(() => outbox.ExtendAsync(f.Claim, until, CancellationToken.None)).ConfigureAwait(false))
                f.Claim = f.Claim with { Until = until };
        }
    }

    private async Task DeliverAsync(OutboxItem item, InFlight flight, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var incidentId = item.Stream;
        DeliveryResult result;
        try
        {
            var notification = OutboxDrafts.Read<Notification>(item);
            if (notification.IncidentId.Length > 0) incidentId = notification.IncidentId;
            result = await SendAsync(item, notification, incidentId, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: give the message back now, so the next start (or another node) sends it at once.
            await TryAsync(() => outbox.ReleaseAsync(flight.Claim, CancellationToken.None)).ConfigureAwait(false);
            return;
        }
        catch (System.Text.Json.JsonException e)
        {
            result = new DeliveryResult.Refused("unreadable notification: " + e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            DeliveryLog.SenderThrew(logger, Surface, item.Id, incidentId, e);
            result = new DeliveryResult.RetryAt(null, e is StoreUnavailableException ? "store_unavailable" : e.GetType().Name);
        }
        await RecordAsync(item, flight, incidentId, result).ConfigureAwait(false);
    }

    private async Task<DeliveryResult> SendAsync(OutboxItem item, Notification notification, string incidentId, CancellationToken stoppingToken)
    {
        if (await engine.CardAsync(incidentId, stoppingToken).ConfigureAwait(false) is not { } current)
            return new DeliveryResult.Refused($"there is no incident {incidentId}");
        var to = notification.To ?? ConversationReference.FromOrigin(Surface, notification.Conversation) ?? new ConversationReference(Surface, "");
        var bound = (await conversations.ConversationsOfAsync(incidentId, stoppingToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Surface == to.Surface && c.Channel == to.Channel) ?? to;
        // Announced in a place before the bot was told how to reach it (a Teams channel whose team added the bot later):
        // what the bot has learned about the place since then completes the reference.
        if (bound.ServiceUrl is null && bound.Channel.Length > 0
            && await conversations.FindKnownConversationAsync(bound.Surface, bound.Channel, stoppingToken).ConfigureAwait(false) is { ServiceUrl: { } url } known)
            bound = bound with { ServiceUrl = url, TenantId = bound.TenantId ?? known.TenantId };
        return await sender.SendAsync(new NotificationDelivery(item.Id, incidentId, bound, current, notification.Card, notification.UpdateInPlace, item.Attempts + 1),
            stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Records how the attempt ended. Not cancellable: once the platform accepted a message, a graceful stop
    /// must not cut between its acceptance and its completion (that would send it twice).</summary>
    private async Task RecordAsync(OutboxItem item, InFlight flight, string incidentId, DeliveryResult result)
    {
        var attempt = item.Attempts + 1;
        switch (result)
        {
            case DeliveryResult.Delivered { StartedThread: { } thread }:
                // The thread is bound before the item is completed: a crash in between re-delivers into the bound thread,
                // never a second root. The report's delivery id makes a repeated binding a no-op.
                if (!await TryAsync(() => engine.RecordThreadAsync(incidentId, thread, $"thread:{Surface}:{item.Id}", CancellationToken.None)).ConfigureAwait(false))
                    return; // the claim runs out and the item is looked at again
                await CompleteAsync(item, flight, incidentId).ConfigureAwait(false);
                break;
            case DeliveryResult.Delivered:
                await CompleteAsync(item, flight, incidentId).ConfigureAwait(false);
                break;
            case DeliveryResult.RetryAt retry:
                var due = retry.At ?? time.GetUtcNow() + options.Backoff(attempt);
                if (!await TryAsync(() => outbox.RescheduleAsync(flight.Claim, due, retry.Reason, CancellationToken.None)).ConfigureAwait(false))
                    DeliveryLog.ClaimLost(logger, item.Id, incidentId, Surface);
                DeliveryLog.Rescheduled(logger, item.Id, incidentId, Surface, attempt, retry.Reason, due);
                break;
            case DeliveryResult.Refused refused:
                DeliveryLog.Refused(logger, item.Id, incidentId, Surface, refused.Reason);
                await CompleteAsync(item, flight, incidentId).ConfigureAwait(false);
                break;
        }
    }

    private async Task CompleteAsync(OutboxItem item, InFlight flight, string incidentId)
    {
        if (await TryAsync(() => outbox.CompleteAsync(flight.Claim, time.GetUtcNow(), CancellationToken.None)).ConfigureAwait(false))
            DeliveryLog.Delivered(logger, item.Id, incidentId, Surface);
        else DeliveryLog.ClaimLost(logger, item.Id, incidentId, Surface);
    }

    /// <summary>Runs a store write; a failing store is logged and answered with false (the claim runs out and the item is
    /// looked at again: better late than lost).</summary>
    private async Task<bool> TryAsync(Func<Task<bool>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            DeliveryLog.OutboxFailed(logger, Surface, e);
            return false;
        }
    }

    /// <summary>A message being sent, and the claim it is held under (renewed, or replaced by a newer claim).</summary>
    private sealed class InFlight(OutboxClaim claim)
    {
        public OutboxClaim Claim { get; set; } = claim;
        public Task Task { get; set; } = Task.CompletedTask;
    }
}
