using IncidentBot.Core.Runbooks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Host.Health;

/// <summary>Readiness: at least one runbook is loaded (nothing can be declared without one).</summary>
public sealed class RunbooksHealthCheck(RunbookCatalog catalog) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.All.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.All.Count} runbooks loaded")
            : HealthCheckResult.Unhealthy("no runbooks loaded"));
}
