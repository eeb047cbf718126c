using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Telemetry;

/// <summary>
/// Refreshes the gauges of <see cref="BotMetrics"/> every <see cref="TelemetryOptions.SampleInterval"/>: the outbox's
/// overdue work per kind, the open incidents by severity and state, and whether the readiness checks pass. The store is
/// asynchronous and a gauge's callback is not, so a scrape reads the last sample instead of querying the store itself
/// (a scrape never waits on the store, and scrapes from several Prometheus servers cost nothing more). A failing store
/// keeps the last outbox and incident figures and reports not ready.
/// </summary>
internal sealed class MetricsSampler(BotMetrics metrics, IOutbox outbox, IIncidentReadModel incidents, HealthCheckService health,
    TimeProvider time, IOptions<TelemetryOptions> options, ILogger<MetricsSampler> logger) : BackgroundService
{
    private static readonly string[] Kinds = [OutboxKind.Job.Name, OutboxKind.Notify.Name];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.PrimeResults();
        using var timer = new PeriodicTimer(options.Value.SampleInterval, time);
        var last = MetricsSample.Empty;
        try
        {
            do
            {
                last = await SampleAsync(last, stoppingToken).ConfigureAwait(false);
                metrics.Publish(last);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<MetricsSample> SampleAsync(MetricsSample last, CancellationToken cancellationToken)
    {
        var ready = (await health.CheckHealthAsync(c => c.Tags.Contains(HealthProbes.ReadyTag), cancellationToken).ConfigureAwait(false)).Status
            == HealthStatus.Healthy;
        try
        {
            var now = time.GetUtcNow();
            var backlog = await outbox.BacklogAsync(now, cancellationToken).ConfigureAwait(false);
            var open = await incidents.ListIncidentsAsync(includeClosed: false, cancellationToken).ConfigureAwait(false);
            return new MetricsSample(
                [.. Kinds.Select(k => backlog.FirstOrDefault(b => b.Kind == k) is { } b
                    ? new OutboxGauge(k, b.Overdue, Max(now - b.OldestOverdueSince, TimeSpan.Zero)) : new OutboxGauge(k, 0, TimeSpan.Zero))],
                [.. open.Where(i => !i.Drill).GroupBy(i => (Severity: SeverityName(i.Severity), State: StateName(i.State)))
                    .OrderBy(g => g.Key.Severity, StringComparer.Ordinal).ThenBy(g => g.Key.State, StringComparer.Ordinal)
                    .Select(g => new OpenIncidentsGauge(g.Key.Severity, g.Key.State, g.Count()))],
                ready);
        }
        catch (StoreUnavailableException e)
        {
            TelemetryLog.SampleFailed(logger, e);
            return last with { Ready = false };
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string SeverityName(Severity? severity) => severity is { } s ? s.ToString().ToLowerInvariant() : "none";

    private static string StateName(IncidentState state) => state.ToString();
}
