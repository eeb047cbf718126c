using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Demo;
using IncidentBot.Host.Api;
using IncidentBot.Host.ApiDocs;
using IncidentBot.Integrations;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Console;
using IncidentBot.Host.Health;
using IncidentBot.Host.Logging;
using IncidentBot.Host.Practice;
using IncidentBot.Host.Readiness;
using IncidentBot.Host.Signals;
using IncidentBot.Host.Startup;
using IncidentBot.Host.Telemetry;
using IncidentBot.Slack;
using IncidentBot.Slack.Endpoints;
using IncidentBot.Teams;
using IncidentBot.Teams.Endpoints;
using Microsoft.AspNetCore.Http.Json;

namespace IncidentBot.Host.Composition;

/// <summary>Builds and starts the web host: configuration, services, endpoints.</summary>
public static class BotApp
{
    /// <summary>Largest request body accepted on any route (bytes).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Builds the app, or returns the runbook problems that keep it from starting.</summary>
    public static (WebApplication? App, IReadOnlyList<string> Problems) Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        HostStartLogFilter.AddTo(builder);
        configure?.Invoke(builder);
        MetricsEndpoint.AddManagementUrls(builder);
        PracticeUrls.AddTo(builder);

        var runbookOptions = builder.Configuration.GetSection(RunbookOptions.SectionName).Get<RunbookOptions>() ?? new RunbookOptions();
        var directory = runbookOptions.ResolveDirectory();
        var loaded = RunbookCatalog.LoadDirectory(directory);
        if (loaded.Problems.Count > 0) return (null, loaded.Problems.Select(p => p.ToString()).ToList());
        if (loaded.Catalog.All.Count == 0) return (null, [$"No runbooks found in {directory}: the bot needs at least one (*.yaml)."]);

        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddEvidenceStore(builder.Configuration).AddIncidentBotCore(loaded.Catalog).AddApiAccess().AddIntegrations(builder.Configuration).AddSlackSurface(builder.Configuration);
        builder.Services.AddSignalIntake().AddPracticeSystem().AddStoreHealth().AddHealthProbes().AddReadiness().AddApiDocs();
        builder.Services.AddBotTelemetry(builder.Configuration);
        builder.Services.AddSingleton(new RunbookDirectory(directory));
        builder.Services.AddSlackDelivery(builder.Configuration);
        if (builder.Configuration.IsSlackConfigured()) builder.Services.AddNotificationDelivery(Core.Evidence.Surfaces.Slack);
        builder.Services.AddTeamsSurface(builder.Configuration);
        if (builder.Configuration.IsTeamsConfigured()) builder.Services.AddNotificationDelivery(Core.Evidence.Surfaces.Teams);
        if (ConsoleEndpoints.IsEnabled(builder.Configuration, builder.Environment)) builder.Services.AddConsoleSurface();

        var app = builder.Build();
        app.UseManagementPort();
        app.UseMiddleware<StoreUnavailableMiddleware>();
        app.MapHealthEndpoints();
        app.MapHealthProbes();
        app.MapMetricsEndpoint();
        app.MapApiEndpoints();
        app.MapApiDocs();
        if (ConsoleEndpoints.IsEnabled(app)) app.MapConsoleEndpoints();
        if (PracticeEndpoints.IsEnabled(app)) app.MapPracticeEndpoints();
        if (app.Configuration.IsSlackConfigured()) app.MapSlackEndpoints();
        if (app.Configuration.IsTeamsConfigured()) app.MapTeamsEndpoints();
        return (app, []);
    }

    /// <summary>
    /// Builds, checks, starts and runs until stopped; the one place a start-up failure becomes lines on standard error
    /// and an exit code (<see cref="ExitCodes"/>), never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var (app, problems) = Build(args);
            if (app is null) throw new StartupFailedException(ExitCodes.Invalid, "IncidentBot will not start: the runbooks have problems.", problems);
            await using (app.ConfigureAwait(false))
            {
                await StartAsync(app).ConfigureAwait(false);
                await app.WaitForShutdownAsync().ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
        catch (Exception e)
        {
            var failure = e as StartupFailedException
                ?? (ConfigurationCheck.Problems(e) is { Count: > 0 } problems ? new StartupFailedException(ExitCodes.Invalid, ConfigurationCheck.Headline, problems, e) : null)
                ?? new StartupFailedException(ExitCodes.CheckFailed, "IncidentBot stopped on an unexpected error.", [$"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}"], e);
            foreach (var line in failure.Lines) await System.Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return failure.ExitCode;
        }
    }

    /// <summary>
    /// Checks every setting (all failures at once) before the store is touched, initialises the store, logs what was
    /// loaded and the risky settings, and starts listening (used by <see cref="RunAsync"/> and tests).
    /// Throws <see cref="StartupFailedException"/> for what an operator can fix.
    /// </summary>
    public static async Task StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ConfigurationCheck.Run(app.Services);
        var where = await StorageCheck.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentBot");
        Log.StoreReady(logger, where);
        if (app.Configuration.GetValue<bool>("Demo:SeedChanges"))
            await DemoChanges.SeedIfEmptyAsync(app.Services.GetRequiredService<ChangeLog>(), app.Services.GetRequiredService<Core.Evidence.IChangeReadModel>(),
                app.Services.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        await app.StartPracticeAsync(logger, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        Log.RunbooksLoaded(logger, app.Services.GetRequiredService<RunbookCatalog>().All.Count, app.Services.GetRequiredService<RunbookDirectory>().Path);
        if (ConsoleEndpoints.IsEnabled(app)) Log.ConsoleEnabled(logger);
        if (app.Configuration.IsSlackConfigured()) Log.SlackEnabled(logger);
        else Log.SlackNotConfigured(logger);
        if (app.Configuration.IsTeamsConfigured()) Log.TeamsEnabled(logger, TeamsEndpoints.Path);
        else Log.TeamsNotConfigured(logger);
        RiskyConfiguration.Warn(app, logger);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
            if (PracticeUrls.Publish(app) is { } practice) PracticeLog.SettingsFollowTheBot(logger, practice);
            app.Services.GetService<HostStartLogFilter>()?.Started();
        }
        catch (Exception e) when (ListenCheck.Explain(e, app.Configuration["urls"]) is { } failure)
        {
            throw failure;
        }
    }
}

/// <summary>The folder runbooks were loaded from.</summary>
public sealed record RunbookDirectory(string Path);
