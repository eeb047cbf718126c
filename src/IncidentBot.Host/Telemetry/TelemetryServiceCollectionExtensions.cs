using IncidentBot.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IncidentBot.Host.Telemetry;

/// <summary>Registers OpenTelemetry for the bot: its own meter and activity source, and the instrumentations.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The AppContext switch that, when true (ASP.NET Core 10's default), keeps the framework's server span untagged.</summary>
    public const string SuppressAspNetCoreActivityTags = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    /// <summary>The service name resources carry (<c>service.name</c>).</summary>
    public const string ServiceName = "incidentbot";

    /// <summary>True when <c>Telemetry:Enabled</c> is not false.</summary>
    public static bool IsTelemetryEnabled(this IConfiguration configuration) =>
        configuration.GetValue(TelemetryOptions.SectionName + ":" + nameof(TelemetryOptions.Enabled), true);

    /// <summary>
    /// Adds metrics and tracing unless <c>Telemetry:Enabled</c> is false. OTLP export is on only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the standard <c>OTEL_*</c> variables itself).
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Telemetry:SampleInterval must be positive.").ValidateOnStart();
        if (!configuration.IsTelemetryEnabled()) return services;
        // ASP.NET Core 10 can tag its own server span with the HTTP semantic conventions; with that on, the ASP.NET Core
        // instrumentation skips adding the same tags again (measured in bench/IncidentBot.Bench: about 4 points less
        // CPU per command with tracing on). The switch is read when the host builds its request diagnostics.
        AppContext.SetSwitch(SuppressAspNetCoreActivityTags, false);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                metrics.AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        // After OpenTelemetry's own hosted service, so its listeners are attached when the sampler primes the counters.
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.AddHostedService<MetricsSampler>();
        // Spans are recorded only when something takes them: OTLP here, or a test's in-memory exporter added with
        // ConfigureBotTracing.
        if (otlp) telemetry.WithTracing(tracing => tracing.ConfigureBotTracing().AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// The bot's sources on a tracer: its own spans, inbound requests and outbound HTTP calls. Scrapes of
    /// <c>/metrics</c> and health probes are not traced: they come every few seconds and say nothing about incidents.
    /// </summary>
    public static TracerProviderBuilder ConfigureBotTracing(this TracerProviderBuilder tracing) =>
        tracing.AddSource(BotTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperational(http.Request.Path))
            .AddHttpClientInstrumentation();

    private static bool IsOperational(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz");
}
