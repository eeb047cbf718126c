using System.Collections.Concurrent;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Host.Delivery;

/// <summary>
/// Delivers the notifications the engine committed for one surface, written once for every surface. It claims each
/// incident's whole pending run (<see cref="IOutbox.ClaimStreamRunsAsync"/>: nothing of an incident is seen before
/// what came earlier is done) and delivers it coalesced: per conversation, one thread message with a line per event
/// (a card only where people must act), then one refresh of the root card rendered from the incident's state now;
/// each message goes to the surface's <see cref="INotificationSender"/>, which answers delivered (binding a thread it
/// started, through the engine), retry at a time (the platform's <c>Retry-After</c>, else backoff; never given up on),
/// or refused for good (logged and completed so it does not hold back the rest). Claims are renewed while a run is in
/// flight and released on a graceful stop; after a crash they run out and the rows are tried again. How each delivery
/// ended is counted on <c>metrics</c> when given (<c>incidentbot.deliveries</c>).
/// </summary>
public sealed partial class DeliveryWorker(INotificationSender sender, IOutbox outbox, IncidentEngine engine, IConversationReadModel conversations,
    TimeProvider time, DeliveryOptions options, ILogger<DeliveryWorker> logger, BotMetrics? metrics = null) : BackgroundService
{
    /// <summary>The surface this worker delivers to.</summary>
    public string Surface => sender.Surface;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DeliveryLog.Started(logger, Surface, options.MaxConcurrency);
        metrics?.PrimeSurface(Surface);
        var running = new Dictionary<string, InFlight>(StringComparer.Ordinal);
        var renewAt = time.GetUtcNow() + (options.Lease / 3);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var run in (await ClaimAsync(options.MaxConcurrency - running.Count, stoppingToken).ConfigureAwait(false)).GroupBy(i => i.Stream))
            {
                if (running.TryGetValue(run.Key, out var flying))
                {
                    // Claimed again while still in flight here (a renewal failed): keep sending once, under the newer
                    // claims; rows it does not know go back, for the next run.
                    var strangers = run.Where(i => !flying.Adopt(i)).Select(i => i.Claim!).ToList();
                    await TryAsync(() => outbox.ReleaseAllAsync(strangers, CancellationToken.None)).ConfigureAwait(false);
                }
                else
                {
                    var inFlight = new InFlight(run);
                    inFlight.Task = DeliverRunAsync([.. run], inFlight, stoppingToken);
                    running.Add(run.Key, inFlight);
                }
            }
            if (time.GetUtcNow() >= renewAt)
            {
                var until = time.GetUtcNow() + options.Lease;
                var claims = running.Values.Where(r => !r.Task.IsCompleted).SelectMany(r => r.Claims.Values).ToList();
                if (await TryAsync(() => outbox.ExtendAllAsync(claims, until, CancellationToken.None)).ConfigureAwait(false) > 0)
                    foreach (var f in running.Values) f.Extended(until);
                renewAt = time.GetUtcNow() + (options.Lease / 3);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var poll = Task.Delay(options.PollInterval, time, wake.Token);
            await Task.WhenAny(running.Values.Select(r => r.Task).Append(poll)).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            foreach (var (stream, _) in running.Where(r => r.Value.Task.IsCompleted).ToList()) running.Remove(stream);
        }
        await Task.WhenAll(running.Values.Select(r => r.Task)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(int free, CancellationToken stoppingToken)
    {
        if (free <= 0) return [];
        try
        {
            return await outbox.ClaimStreamRunsAsync(OutboxKind.Notify, Surface, time.GetUtcNow(), options.Lease, free, options.MaxBatch, stoppingToken)
                .ConfigureAwait(false);
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

    /// <summary>Runs a store write; a failing store is logged and answered with false or 0 (the claims run out and the
    /// rows are looked at again: better late than lost).</summary>
    private async Task<T> TryAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            DeliveryLog.OutboxFailed(logger, Surface, e);
            return default!;
        }
    }

    /// <summary>A run being delivered, and the claims its rows are held under (renewed, replaced by newer claims, and
    /// dropped as rows are settled).</summary>
    private sealed class InFlight(IEnumerable<OutboxItem> items)
    {
        public ConcurrentDictionary<long, OutboxClaim> Claims { get; } = new(items.Select(i => KeyValuePair.Create(i.Id, i.Claim!)));
        public Task Task { get; set; } = Task.CompletedTask;

        /// <summary>Takes the newer claim of a row this run holds; false for a row it does not know.</summary>
        public bool Adopt(OutboxItem item)
        {
            if (!Claims.ContainsKey(item.Id)) return false;
            Claims[item.Id] = item.Claim!;
            return true;
        }

        public void Extended(DateTimeOffset until)
        {
            foreach (var (id, claim) in Claims) Claims.TryUpdate(id, claim with { Until = until }, claim);
        }

        /// <summary>The current claims of <paramref name="rows"/>, which stop being renewed here.</summary>
        public List<OutboxClaim> Settle(IEnumerable<OutboxItem> rows) =>
            [.. rows.Select(r => Claims.TryRemove(r.Id, out var claim) ? claim : null).OfType<OutboxClaim>()];
    }
}
