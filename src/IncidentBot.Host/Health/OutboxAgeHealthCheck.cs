using System.Globalization;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Health;

/// <summary>
/// Readiness: the oldest overdue outbox item (<see cref="IOutbox.OldestOverdueSinceAsync"/>) has waited no longer than
/// <see cref="HealthOptions.OutboxMaxAge"/>.
/// </summary>
public sealed class OutboxAgeHealthCheck(IOutbox outbox, TimeProvider time, IOptions<HealthOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var max = options.Value.OutboxMaxAge;
        var now = time.GetUtcNow();
        DateTimeOffset? since;
        try
        {
            since = await outbox.OldestOverdueSinceAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy("the outbox cannot be read: " + e.Message);
        }
        if (since is not { } oldest) return HealthCheckResult.Healthy("nothing overdue");
        var age = now - oldest;
        var text = $"the oldest overdue item has waited {Seconds(age)} s (limit {Seconds(max)} s)";
        return age > max ? HealthCheckResult.Unhealthy(text) : HealthCheckResult.Healthy(text);
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
}
