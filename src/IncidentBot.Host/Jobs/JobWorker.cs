using System.Diagnostics;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Jobs;

/// <summary>
/// Runs the jobs the engine committed with its evidence (execution, verification polls, timers), dispatching each to the
/// <see cref="IJobHandler"/> of its kind. Because a job row is committed in the same transaction as the decision that
/// caused it, a crash or restart delays the work but never loses it: a claim renewed while the job runs, and released
/// on a graceful stop, runs out after a crash and the job is run again (the handlers make a re-run safe).
/// </summary>
public sealed class JobWorker(IOutbox outbox, IEnumerable<IJobHandler> handlers, TimeProvider time,
    IOptions<JobWorkerOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IJobHandler> byKind = handlers.ToDictionary(h => h.Kind.Name, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await outbox.ClaimDueAsync(OutboxKind.Job, time.GetUtcNow(), o.Lease, 10, stoppingToken).ConfigureAwait(false);
                for (var i = 0; i < due.Count; i++)
                {
                    if (stoppingToken.IsCancellationRequested)
                    {
                        foreach (var left in due.Skip(i)) await outbox.ReleaseAsync(left.Claim!, CancellationToken.None).ConfigureAwait(false);
                        return;
                    }
                    await RunAsync(due[i], o, stoppingToken).ConfigureAwait(false);
                }
                if (due.Count > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException e)
            {
                Log.OutboxUnavailable(logger, e);
            }
            await Task.Delay(o.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(OutboxItem item, JobWorkerOptions o, CancellationToken stoppingToken)
    {
        var claim = item.Claim!;
        // Every line of this job (its handler's too) carries its incident, the bot's own surface and the outbox row.
        using var logScope = logger.BeginScope(new LogScope(Surfaces.System,
            "outbox:" + item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), IncidentIds.Normalize(item.Stream)));
        // An execution or a verification runs in the trace of the command that caused it: its HTTP calls and the result
        // it reports are seen there. A timer fires long after the command that set it: it starts a trace of its own,
        // linked to that command's.
        using var span = (item.Target == JobKind.Timer.Name
                ? BotTelemetry.StartScheduled(BotSpans.Job, ActivityKind.Consumer, item.TraceParent)
                : BotTelemetry.StartCaused(BotSpans.Job, ActivityKind.Consumer, item.TraceParent))
            ?.SetTag(BotSpans.JobKind, item.Target).SetTag(BotSpans.IncidentId, item.Stream).SetTag(BotSpans.OutboxId, item.Id)
            .SetTag(BotSpans.Attempt, item.Attempts + 1);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewWhileRunningAsync(claim, o, renewing.Token);
        try
        {
            if (!byKind.TryGetValue(item.Target, out var handler)) throw new InvalidOperationException($"no handler for job kind '{item.Target}'");
            await handler.RunAsync(item, stoppingToken).ConfigureAwait(false);
            await StopAsync(renewing, renewal).ConfigureAwait(false);
            await outbox.CompleteAsync(claim, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Log.OutboxItemDone(logger, item.Id, item.Kind.Name, item.Target);
            span?.SetTag(BotSpans.Outcome, "done");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await StopAsync(renewing, renewal).ConfigureAwait(false);
            await outbox.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            span?.SetTag(BotSpans.Outcome, "released");
        }
        catch (Exception ex)
        {
            await StopAsync(renewing, renewal).ConfigureAwait(false);
            var attempt = item.Attempts + 1;
            Log.OutboxItemFailed(logger, item.Id, item.Kind.Name, item.Target, attempt, ex.Message);
            var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempt)));
            var due = attempt >= o.MaxAttempts ? OutboxParking.Due : time.GetUtcNow() + backoff;
            span?.SetTag(BotSpans.Outcome, attempt >= o.MaxAttempts ? "parked" : "retry").SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            await outbox.RescheduleAsync(claim, due, ex.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the claim alive while the job runs (an HTTP step may take longer than the lease).</summary>
    private async Task RenewWhileRunningAsync(OutboxClaim claim, JobWorkerOptions o, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(o.Lease / 3, time, cancellationToken).ConfigureAwait(false);
                await outbox.ExtendAsync(claim, time.GetUtcNow() + o.Lease, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The job ended.
        }
        catch (StoreUnavailableException e)
        {
            Log.OutboxUnavailable(logger, e);
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
    }
}
