using System.CommandLine;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary><c>evidence verify [--db PATH]</c>: walks every hash chain; exits 1 naming the first altered event.</summary>
internal static class EvidenceVerbs
{
    public static Command Create()
    {
        var evidence = new Command("evidence", "Inspect the evidence store.");
        var db = new Option<string?>("--db") { Description = "SQLite file (default: Storage:DatabasePath, ./data/incidentbot.db)." };
        var verify = new Command("verify", "Verify every hash chain; exit 1 and name the first altered event if any.") { db };
        verify.SetAction((parse, ct) => VerifyAsync(parse.GetValue(db), ct));
        evidence.Subcommands.Add(verify);
        return evidence;
    }

    private static async Task<int> VerifyAsync(string? db, CancellationToken ct)
    {
        var path = db ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()[$"{SqliteStoreOptions.SectionName}:DatabasePath"]
            ?? new SqliteStoreOptions().DatabasePath;
        if (!File.Exists(path))
        {
            System.Console.Error.WriteLine($"No evidence database at {path}");
            return 2;
        }
        if (await NotEvidenceAsync(path, ct).ConfigureAwait(false) is { } why)
        {
            System.Console.Error.WriteLine($"{path} {why}");
            return 2;
        }
        // No InitializeAsync: it migrates, and a verifier must not write to the evidence it is checking.
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = path }, TimeProvider.System);
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(ct), ct).ConfigureAwait(false);
        if (report.Ok)
        {
            System.Console.WriteLine($"ok: {report.EventCount} events in {report.StreamCount} chains verified in {path}");
            return 0;
        }
        System.Console.WriteLine($"ALTERED: {report.FirstFault}");
        return 1;
    }

    /// <summary>Why the file is not an evidence database (read-only look), or null when it is one.</summary>
    private static async Task<string?> NotEvidenceAsync(string path, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events';";
            var tables = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? 0L);
            return tables == 1 ? null : "is not an IncidentBot evidence database (it has no events table).";
        }
        catch (SqliteException ex)
        {
            return $"cannot be read as an SQLite database: {ex.Message}";
        }
    }
}
