using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Verification;
using IncidentBot.Host.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Jobs;

/// <summary>
/// Runs the jobs the engine committed with its evidence (containment execution). Because the job row was committed
/// in the same transaction as the approval, a crash or restart delays the work but never loses it; a claimed job
/// that was not completed is claimed again after its lease.
/// </summary>
internal sealed class OutboxWorker(IOutbox outbox, ContainmentRunner runner, VerificationRunner verifier, TimerRunner timers, TimeProvider time,
    IOptions<OutboxWorkerOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await outbox.ClaimDueAsync(OutboxKinds.Job, time.GetUtcNow(), o.Lease, 10, stoppingToken).ConfigureAwait(false);
                foreach (var item in due) await RunAsync(item, o, stoppingToken).ConfigureAwait(false);
                if (due.Count > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(o.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static T Payload<T>(OutboxItem item) =>
        JsonSerializer.Deserialize<T>(item.PayloadJson, EventCodec.Options) ?? throw new JsonException($"empty {item.Target} job");

    private async Task RunAsync(OutboxItem item, OutboxWorkerOptions o, CancellationToken stoppingToken)
    {
        try
        {
            switch (item.Target)
            {
                case OutboxKinds.Execute:
                    await runner.RunAsync(Payload<ExecuteJob>(item), stoppingToken).ConfigureAwait(false);
                    break;
                case JobTargets.Verify:
                    await verifier.RunAsync(Payload<ExecuteJob>(item), stoppingToken).ConfigureAwait(false);
                    break;
                case JobTargets.Timer:
                    await timers.RunAsync(Payload<TimerJob>(item), stoppingToken).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"no handler for job target '{item.Target}'");
            }
            await outbox.CompleteAsync(item.Id, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            Log.OutboxItemDone(logger, item.Id, item.Kind, item.Target);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var attempt = item.Attempts + 1;
            Log.OutboxItemFailed(logger, item.Id, item.Kind, item.Target, attempt, ex.Message);
            var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempt)));
            var due = attempt >= o.MaxAttempts ? DateTimeOffset.MaxValue.AddYears(-1) : time.GetUtcNow() + backoff;
            await outbox.RescheduleAsync(item.Id, due, ex.Message, stoppingToken).ConfigureAwait(false);
        }
    }
}
