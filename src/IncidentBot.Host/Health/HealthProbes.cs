using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IncidentBot.Host.Health;

/// <summary>
/// The probes an orchestrator calls, anonymous like <c>/healthz</c>: <c>GET /healthz/live</c> (the process answers; no
/// dependency checked, so a store outage never gets the bot restarted) and <c>GET /healthz/ready</c> (200 only when
/// every check tagged <see cref="ReadyTag"/> is healthy: the store accepts a write, runbooks are loaded, the outbox is
/// not falling behind; else 503 naming each failing check and why).
/// </summary>
public static class HealthProbes
{
    /// <summary>The tag of the checks <c>/healthz/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long one check may take before it counts as failed: 5 seconds.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the readiness checks and <see cref="HealthOptions"/> (validated at start-up).</summary>
    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName)
            .Validate(o => o.OutboxMaxAge > TimeSpan.Zero, "Health:OutboxMaxAge must be positive.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<StoreWriteHealthCheck>("store", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<RunbooksHealthCheck>("runbooks", tags: [ReadyTag])
            .AddCheck<OutboxAgeHealthCheck>("outbox", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    /// <summary>Maps <c>/healthz/live</c> and <c>/healthz/ready</c>.</summary>
    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }
}
