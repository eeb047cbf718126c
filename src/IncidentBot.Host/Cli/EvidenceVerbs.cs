using System.CommandLine;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite;
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
            Console.Error.WriteLine($"No evidence database at {path}");
            return 2;
        }
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = path }, TimeProvider.System);
        await store.InitializeAsync(ct).ConfigureAwait(false);
        var report = await EvidenceVerifier.VerifyAsync(store.ReadAllAsync(ct), ct).ConfigureAwait(false);
        if (report.Ok)
        {
            Console.WriteLine($"ok: {report.EventCount} events in {report.StreamCount} chains verified in {path}");
            return 0;
        }
        Console.WriteLine($"ALTERED: {report.FirstFault}");
        return 1;
    }
}
