using System.Data.Common;
using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IncidentBot.Slack.Delivery;

/// <summary>
/// Posts the incident messages the engine committed to the outbox (<c>notify</c> rows for <c>slack</c>) into each
/// incident's thread. It claims only the oldest unfinished message of each incident, so messages arrive in the order
/// they were committed; a message that fails transiently is rescheduled (at Slack's <c>Retry-After</c> when given)
/// and never given up on, holding back only its own incident's later messages. A message Slack refuses for good
/// (<c>channel_not_found</c>, <c>invalid_auth</c>, …) is logged and marked done, since retrying cannot help.
/// </summary>
internal sealed class SlackDeliveryWorker(IOutbox outbox, SlackNotificationSender sender, TimeProvider time,
    IOptions<SlackDeliveryOptions> options, ILogger<SlackDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        SlackDeliveryLog.Started(logger, o.MaxConcurrency);
        var running = new Dictionary<long, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var item in await ClaimAsync(o, o.MaxConcurrency - running.Count, stoppingToken).ConfigureAwait(false))
            {
                // After a lease runs out a message still being sent here is claimed again; it must not be sent twice.
                if (!running.ContainsKey(item.Id)) running.Add(item.Id, DeliverAsync(item, o, stoppingToken));
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var poll = Task.Delay(o.PollInterval, time, wake.Token);
            await Task.WhenAny(running.Values.Append(poll)).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            foreach (var (id, _) in running.Where(r => r.Value.IsCompleted).ToList()) running.Remove(id);
        }
        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(SlackDeliveryOptions o, int free, CancellationToken stoppingToken)
    {
        if (free <= 0) return [];
        try
        {
            return await outbox.ClaimStreamHeadsAsync(OutboxKinds.Notify, Surfaces.Slack, time.GetUtcNow(), o.Lease, free, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SlackDeliveryLog.OutboxFailed(logger, e);
            return [];
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return [];
        }
    }

    private async Task DeliverAsync(OutboxItem item, SlackDeliveryOptions o, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var incidentId = item.Stream;
        try
        {
            var (notification, id) = SlackNotificationSender.Read(item);
            incidentId = id;
            await sender.SendAsync(notification, incidentId, stoppingToken).ConfigureAwait(false);
            // Done right after Slack accepted, and not cancellable, so a graceful stop cannot post it twice. A crash in the
            // milliseconds between Slack's answer and this commit still can (the item is claimed again after its lease):
            // chat.postMessage has no idempotency key, and this is the narrowest window without one.
            await outbox.CompleteAsync(item.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            SlackDeliveryLog.Delivered(logger, item.Id, incidentId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the claim runs out and the message is sent after the restart.
        }
        catch (Exception e) when (IsTransient(e))
        {
            var attempt = item.Attempts + 1;
            var due = time.GetUtcNow() + ((e as SlackApiException)?.RetryAfter ?? Backoff(attempt, o));
            await TryAsync(() => outbox.RescheduleAsync(item.Id, due, ErrorCode(e), CancellationToken.None)).ConfigureAwait(false);
            SlackDeliveryLog.Rescheduled(logger, item.Id, incidentId, attempt, ErrorCode(e), due);
        }
        catch (Exception e)
        {
            SlackDeliveryLog.Dropped(logger, item.Id, incidentId, ErrorCode(e), e is SlackApiException ? null : e);
            await TryAsync(() => outbox.CompleteAsync(item.Id, time.GetUtcNow(), CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>Failures that may pass: Slack's transient answers, the network, timeouts, a busy database.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        SlackApiException s => s.IsTransient,
        HttpRequestException or TimeoutRejectedException or TimeoutException or DbException or IOException => true,
        OperationCanceledException => true, // a call's own time limit, not the host stopping (handled before)
        _ => false,
    };

    /// <summary>Exponential, with jitter so incidents that failed together do not retry together; at most <see cref="SlackDeliveryOptions.MaxRetryDelay"/>.</summary>
    internal static TimeSpan Backoff(int attempt, SlackDeliveryOptions o)
    {
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, o.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.2)));
    }

    private static string ErrorCode(Exception e) => e switch
    {
        SlackApiException s => s.ErrorCode,
        JsonException => "invalid_payload",
        _ => e.GetType().Name,
    };

    private async Task TryAsync(Func<Task> outboxWrite)
    {
        try
        {
            await outboxWrite().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or KeyNotFoundException or IOException)
        {
            // The claim runs out and the message is looked at again; better late than lost.
            SlackDeliveryLog.OutboxFailed(logger, e);
        }
    }
}
