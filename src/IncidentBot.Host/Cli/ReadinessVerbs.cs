using System.CommandLine;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Readiness;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Configuration;
using IncidentBot.Host.Readiness;
using IncidentBot.Host.Startup;
using IncidentBot.Storage.Postgres;
using IncidentBot.Storage.Sqlite;
using IncidentBot.Storage.Sqlite.Audit;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Host.Cli;

/// <summary>
/// <c>readiness [--service NAME] [--format text|md|json] [Key=Value ...]</c>: the readiness report from the
/// configuration the server would use (<c>appsettings.json</c>, <c>appsettings.{environment}.json</c> beside the
/// program, environment variables, then <c>Key=Value</c> or <c>--Key=Value</c> words). The store is only read: a SQLite
/// file is opened read-only and copied to a temporary snapshot; PostgreSQL is read through <c>Storage:ConnectionString</c>.
/// Exits 0 when no point fails, 1 when any fails (a release pipeline can gate on it), 2 when it cannot run.
/// </summary>
internal static class ReadinessVerbs
{
    public static Command Create()
    {
        var service = new Option<string?>("--service") { Description = "Only this service (default: every service a runbook or the change log names)." };
        var format = new Option<string?>("--format") { Description = "text (default), md or json." };
        var readiness = new Command("readiness", "Would a rollback work today? Seven points per service; exit 0 ready, 1 a point fails, 2 could not run.")
        {
            service, format,
        };
        readiness.TreatUnmatchedTokensAsErrors = false;
        readiness.SetAction((parse, ct) => RunAsync(parse.GetValue(service), parse.GetValue(format) ?? "text", [.. parse.UnmatchedTokens], ct));
        return readiness;
    }

    private static async Task<int> RunAsync(string? service, string format, string[] overrides, CancellationToken ct)
    {
        format = format.Trim().ToLowerInvariant();
        if (!ReadinessFormat.Formats.Contains(format)) return Fail($"--format must be text, md or json, not '{format}'.");
        var configuration = ToolConfiguration.Build(overrides, out var development);
        var directory = (configuration.GetSection(RunbookOptions.SectionName).Get<RunbookOptions>() ?? new RunbookOptions()).ResolveDirectory();
        var loaded = RunbookCatalog.LoadDirectory(directory);
        if (loaded.Problems.Count > 0)
        {
            foreach (var p in loaded.Problems) await System.Console.Error.WriteLineAsync(p.ToString()).ConfigureAwait(false);
            return Fail($"The runbooks in {directory} have problems (incidentbot runbook lint {directory}).");
        }
        var setup = ReadinessSetup.From(configuration, development, loaded.Catalog);
        ToolConfiguration.FillPractice(configuration, development, setup.Execution);
        if (setup.Options.Problems() is { Count: > 0 } invalid) return Fail(string.Join(Environment.NewLine, invalid));
        var scratch = Directory.CreateTempSubdirectory("incidentbot-readiness-").FullName;
        try
        {
            var (store, why) = await OpenReadOnlyAsync(setup.Evidence, scratch, ct).ConfigureAwait(false);
            if (store is null) return Fail(why!);
            using (store as IDisposable)
            using (var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
            {
                var gatherer = new ReadinessGatherer((IEvidenceStore)store, (IIncidentReadModel)store, (IChangeReadModel)store, http, TimeProvider.System,
                    new Core.Drills.EvidenceDrillHistory((IIncidentReadModel)store, (IEvidenceStore)store));
                var report = await gatherer.ReportAsync(setup, service, ct).ConfigureAwait(false);
                if (report is null) return Fail($"No runbook or change record names the service '{service}'.");
                System.Console.Write(ReadinessFormat.Render(report, format));
                return report.Verdict == ReadinessVerdict.Fail ? ExitCodes.CheckFailed : ExitCodes.Ok;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The store's read ports, never able to change the real store: SQLite through a snapshot copied from a
    /// read-only connection; PostgreSQL through its reads only.</summary>
    private static async Task<(object? Store, string? Why)> OpenReadOnlyAsync(EvidenceLocation location, string scratch, CancellationToken ct)
    {
        var scratchKey = Path.Combine(scratch, "unused.key"); // the store's writes need a key; it never writes here
        if (location.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(location.ConnectionString))
                return (null, "Storage:ConnectionString is not set: put the PostgreSQL connection string in the environment (Storage__ConnectionString); a reader's role is enough.");
            return (new PostgresStore(new PostgresStoreOptions { ConnectionString = location.ConnectionString, SigningKeyPath = location.SigningKeyPath ?? scratchKey },
                TimeProvider.System), null);
        }
        var path = location.DatabasePath!;
        if (SqliteEvidenceAuditor.NotADatabase(path) is { } why) return (null, $"{path} {why}");
        var snapshot = Path.Combine(scratch, "snapshot.db");
        try
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(ct).ConfigureAwait(false);
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString());
            await copy.OpenAsync(ct).ConfigureAwait(false);
            source.BackupDatabase(copy);
        }
        catch (SqliteException e)
        {
            return (null, $"{path} cannot be read: {e.Message}");
        }
        return (new SqliteStore(new SqliteStoreOptions { DatabasePath = snapshot, SigningKeyPath = scratchKey }, TimeProvider.System), null);
    }

    private static int Fail(string line)
    {
        System.Console.Error.WriteLine(line);
        return ExitCodes.Invalid;
    }
}
