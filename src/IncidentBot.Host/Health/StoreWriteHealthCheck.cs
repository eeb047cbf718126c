using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Host.Health;

/// <summary>Readiness: the store accepts a write (<see cref="StoreHealth"/>, probed at most once a second).</summary>
public sealed class StoreWriteHealthCheck(StoreHealth store) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.ProblemAsync(cancellationToken).ConfigureAwait(false) is { } problem
            ? HealthCheckResult.Unhealthy("the store does not accept writes: " + problem)
            : HealthCheckResult.Healthy("the store accepts writes");
}
