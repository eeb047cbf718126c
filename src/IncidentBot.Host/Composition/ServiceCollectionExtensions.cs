using IncidentBot.Core.Telemetry;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Host.Delivery;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Jobs;
using IncidentBot.Storage.Postgres;
using IncidentBot.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Composition;

/// <summary>One <c>Add…</c> per part of the bot, so Program and tests compose the same way.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The evidence store <c>Storage:Provider</c> names (<see cref="StorageOptions"/>): SQLite by default, PostgreSQL
    /// for several nodes. An unknown provider is reported with every other setting before anything is opened.
    /// </summary>
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => o.IsKnown, $"Storage:Provider must be {StorageOptions.Sqlite} (the default) or {StorageOptions.Postgres}.")
            .ValidateOnStart();
        return StorageOptions.From(configuration).IsPostgres ? services.AddPostgresEvidence() : services.AddSqliteEvidence();
    }

    /// <summary>
    /// The PostgreSQL evidence store, shared by every node on the database, registered as every store port it
    /// implements. <c>Storage:ConnectionString</c> (from the environment or a secret store; never logged) and
    /// <c>Evidence:SigningKeyPath</c> (the same key file on every node) are required.
    /// </summary>
    public static IServiceCollection AddPostgresEvidence(this IServiceCollection services)
    {
        services.AddOptions<PostgresStoreOptions>().BindConfiguration(PostgresStoreOptions.SectionName)
            .BindConfiguration("Evidence")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is empty: with Storage:Provider=postgres set it (environment variable Storage__ConnectionString) to the bot role's Npgsql connection string.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ConnectionString) || IsReadable(o.ConnectionString),
                "Storage:ConnectionString is not a valid Npgsql connection string (Host=...;Database=...;Username=...;Password=...).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SigningKeyPath),
                "Evidence:SigningKeyPath is empty: with Storage:Provider=postgres every node needs the same signing key file; set its path (the first node creates it, copy it to the others).")
            .ValidateOnStart();
        services.AddSingleton(sp => new PostgresStore(sp.GetRequiredService<IOptions<PostgresStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services.AddStorePorts<PostgresStore>();
    }

    private static bool IsReadable(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The SQLite evidence store, registered as every store port it implements. Its options bind from <c>Storage</c>;
    /// the checkpoint signing key's path from <c>Evidence:SigningKeyPath</c>.
    /// </summary>
    public static IServiceCollection AddSqliteEvidence(this IServiceCollection services)
    {
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.SectionName)
            .BindConfiguration("Evidence")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), "Storage:DatabasePath is empty: set it to the database file (default ./data/incidentbot.db).")
            .Validate(o => o.BusyTimeout >= TimeSpan.Zero, "Storage:BusyTimeout must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => new SqliteStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services.AddStorePorts<SqliteStore>();
    }

    /// <summary>The one registered <typeparamref name="TStore"/> as every store port the engine and workers use.</summary>
    private static IServiceCollection AddStorePorts<TStore>(this IServiceCollection services)
        where TStore : class, IEvidenceStore, IIncidentReadModel, IChangeReadModel, IOutbox, IConversationReadModel, IStoreWriteProbe
    {
        services.AddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IIncidentReadModel>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IChangeReadModel>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IConversationReadModel>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreWriteProbe>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IDrillHistory, EvidenceDrillHistory>();
        return services;
    }

    /// <summary>The engine, governance, runbooks (already loaded and valid), the change log, executors and the outbox worker.</summary>
    public static IServiceCollection AddIncidentBotCore(this IServiceCollection services, RunbookCatalog catalog)
    {
        services.TryAddTimeProvider();
        services.AddOptions<GovernanceOptions>().BindConfiguration(GovernanceOptions.SectionName)
            .Validate(o => o.People.All(p => !string.IsNullOrWhiteSpace(p.Id)), "Every Governance:People entry needs an Id.")
            .Validate(o => o.People.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.People.Count, "Governance:People ids must be unique.")
            .Validate(o => o.People.All(p => !string.Equals(p.Id, Actor.System.Id, StringComparison.OrdinalIgnoreCase)), $"Governance:People id '{Actor.System.Id}' is reserved for the bot.")
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName);
        services.AddSingleton(catalog);
        services.AddSingleton(sp => new PeopleDirectory(sp.GetRequiredService<IOptions<GovernanceOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value);
        services.AddSingleton<PinnedRunbooks>();
        services.AddSingleton<ChangeLog>();
        services.AddSingleton<IncidentBot.Core.Drills.DrillPreflight>();
        services.AddSingleton<IncidentEngine>();
        services.AddSingleton<IExecutor, BaselineExecutor>();
        services.AddSingleton<IExecutor, ManualExecutor>();
        services.AddSingleton<ContainmentRunner>();
        services.AddSingleton<TimerRunner>();
        services.AddSingleton<IncidentBot.Core.Verification.VerificationRunner>();
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<ContainmentRunner>());
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<TimerRunner>());
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<IncidentBot.Core.Verification.VerificationRunner>());
        services.AddOptions<ExecutionSettings>().BindConfiguration(ExecutionSettings.SectionName);
        // Follows the configuration: settings can change after start (the practice service's URLs are derived from
        // the address the server bound, PracticeUrls), and checks read them per run.
        services.AddSingleton(sp =>
        {
            var monitor = sp.GetRequiredService<IOptionsMonitor<ExecutionSettings>>();
            var now = monitor.CurrentValue;
            var live = new ExecutionSettings { Settings = now.Settings, DrillSettings = now.DrillSettings, Secrets = now.Secrets };
            monitor.OnChange(o => (live.Settings, live.DrillSettings, live.Secrets) = (o.Settings, o.DrillSettings, o.Secrets));
            return live;
        });
        services.AddOptions<JobWorkerOptions>().BindConfiguration(JobWorkerOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.MaxAttempts > 0, "Outbox:PollInterval, Lease and MaxAttempts must be positive.")
            .ValidateOnStart();
        services.AddHostedService<JobWorker>();
        return services;
    }

    /// <summary>
    /// Delivery of incident notifications to <paramref name="surface"/>: its <see cref="DeliveryOptions"/> (named after
    /// the surface, bound from <c>{Surface}:Delivery</c>) and one generic <see cref="DeliveryWorker"/> driving the
    /// <see cref="INotificationSender"/> registered for that surface. Every surface is delivered the same way.
    /// </summary>
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, string surface)
    {
        services.TryAddTimeProvider();
        services.AddOptions<DeliveryOptions>(surface).BindConfiguration(DeliveryOptions.SectionFor(surface))
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryBaseDelay,
                $"{DeliveryOptions.SectionFor(surface)} times must be positive, and MaxRetryDelay at least RetryBaseDelay.")
            .ValidateOnStart();
        services.AddSingleton<IHostedService>(sp => new DeliveryWorker(
            sp.GetServices<INotificationSender>().SingleOrDefault(s => s.Surface == surface)
                ?? throw new InvalidOperationException($"No notification sender is registered for {surface}."),
            sp.GetRequiredService<IOutbox>(),
            sp.GetRequiredService<IncidentEngine>(), sp.GetRequiredService<IConversationReadModel>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptionsMonitor<DeliveryOptions>>().Get(surface), sp.GetRequiredService<ILogger<DeliveryWorker>>(),
            sp.GetService<BotMetrics>()));
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    /// <summary>API key checking for <c>/api</c>.</summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        return services;
    }
}
