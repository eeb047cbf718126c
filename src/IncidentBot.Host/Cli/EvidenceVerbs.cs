using System.CommandLine;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Configuration;
using IncidentBot.Storage.Postgres.Audit;
using IncidentBot.Storage.Shared.Audit;
using IncidentBot.Storage.Sqlite;
using IncidentBot.Storage.Sqlite.Audit;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary>
/// <c>evidence verify [--provider sqlite|postgres] [--db PATH] [--public-key KEY|FILE] [--key PATH] [--seal HASH]</c>:
/// checks everything the store can prove (<see cref="SqliteEvidenceAuditor"/>, <see cref="PostgresEvidenceAuditor"/>);
/// exits 0 intact, 1 altered (naming what and where), 2 could not run. PostgreSQL is reached through
/// <c>Storage:ConnectionString</c> from the environment (never a command-line argument, which other users can read,
/// and never printed); its key must come from <c>--key</c>, <c>--public-key</c> or <c>Evidence:SigningKeyPath</c>,
/// never from the database being checked.
/// <c>evidence key [--db PATH] [--key PATH]</c>: prints the public half of the checkpoint signing key, as
/// <c>--public-key</c> takes it.
/// </summary>
internal static class EvidenceVerbs
{
    public static Command Create()
    {
        var evidence = new Command("evidence", "Inspect the evidence store.");
        var db = new Option<string?>("--db") { Description = "SQLite file (default: Storage:DatabasePath, ./data/incidentbot.db)." };
        var key = new Option<string?>("--key") { Description = "Signing key file (default: Evidence:SigningKeyPath, evidence-signing.key next to the database)." };
        var publicKey = new Option<string?>("--public-key") { Description = "Public key (as `evidence key` prints it) or a file holding it; overrides --key." };
        var seal = new Option<string?>("--seal") { Description = "A seal from an export or a chat thread: confirm the store still holds it." };
        var provider = new Option<string?>("--provider")
        {
            Description = "sqlite or postgres (default: Storage:Provider, else sqlite). postgres reads Storage:ConnectionString from the environment.",
        };
        var verify = new Command("verify", "Verify chains, signed checkpoints, projections, deliveries and runbooks; exit 0 ok, 1 altered, 2 could not run.")
        {
            provider, db, key, publicKey, seal,
        };
        verify.SetAction((parse, ct) =>
        {
            var store = new StorageOptions { Provider = parse.GetValue(provider) ?? Configuration()["Storage:Provider"] ?? StorageOptions.Sqlite };
            if (!store.IsKnown) return Task.FromResult(Fail(2, $"--provider must be {StorageOptions.Sqlite} or {StorageOptions.Postgres}, not '{store.Provider}'."));
            return store.IsPostgres
                ? VerifyPostgresAsync(parse.GetValue(key), parse.GetValue(publicKey), parse.GetValue(seal), ct)
                : VerifyAsync(parse.GetValue(db), parse.GetValue(key), parse.GetValue(publicKey), parse.GetValue(seal), ct);
        });
        var print = new Command("key", "Print the public half of the checkpoint signing key (for --public-key).") { db, key };
        print.SetAction(parse => PrintKey(parse.GetValue(db), parse.GetValue(key)));
        evidence.Subcommands.Add(verify);
        evidence.Subcommands.Add(print);
        return evidence;
    }

    private static async Task<int> VerifyAsync(string? db, string? keyPath, string? publicKeyText, string? seal, CancellationToken ct)
    {
        var path = DatabasePath(db);
        if (!File.Exists(path)) return Fail(2, $"No evidence database at {path}");
        if (SqliteEvidenceAuditor.NotADatabase(path) is { } why) return Fail(2, $"{path} {why}");
        EvidencePublicKey publicKey;
        try
        {
            publicKey = LoadPublicKey(path, keyPath, publicKeyText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return Fail(2, $"Cannot verify signatures: {e.Message} (pass --public-key or --key)");
        }
        using (publicKey)
        {
            return Report(await SqliteEvidenceAuditor.AuditAsync(path, publicKey, seal, ct).ConfigureAwait(false));
        }
    }

    private static async Task<int> VerifyPostgresAsync(string? keyPath, string? publicKeyText, string? seal, CancellationToken ct)
    {
        var connectionString = Configuration()["Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
            return Fail(2, "Storage:ConnectionString is not set: put the PostgreSQL connection string in the environment (Storage__ConnectionString); a reader's role is enough.");
        EvidencePublicKey publicKey;
        try
        {
            publicKey = publicKeyText is not null
                ? EvidencePublicKey.Parse(File.Exists(publicKeyText) ? File.ReadAllText(publicKeyText) : publicKeyText)
                : PublicKeyFromFile(keyPath ?? Configuration()["Evidence:SigningKeyPath"]
                    ?? throw new IOException("no key was named: the database cannot vouch for its own key"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return Fail(2, $"Cannot verify signatures: {e.Message} (pass --public-key or --key, or set Evidence:SigningKeyPath)");
        }
        using (publicKey)
            return Report(await PostgresEvidenceAuditor.AuditAsync(connectionString, publicKey, seal, ct).ConfigureAwait(false));
    }

    private static EvidencePublicKey PublicKeyFromFile(string path)
    {
        if (!File.Exists(path)) throw new IOException($"there is no signing key at {Path.GetFullPath(path)}");
        using var key = EvidenceSigningKey.Load(path);
        return EvidencePublicKey.Parse(key.PublicKey.Text);
    }

    private static int Report(EvidenceAuditResult result) => result.Verdict switch
    {
        AuditVerdict.Intact => Print(0, result.Message),
        AuditVerdict.Altered => Print(1, $"ALTERED: {result.Message}"),
        _ => Fail(2, result.Message),
    };

    private static int PrintKey(string? db, string? keyPath)
    {
        var path = KeyPath(DatabasePath(db), keyPath);
        try
        {
            using var key = EvidenceSigningKey.Load(path);
            return Print(0, key.PublicKey.Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return Fail(2, $"No usable signing key at {path}: {e.Message}");
        }
    }

    private static EvidencePublicKey LoadPublicKey(string databasePath, string? keyPath, string? publicKeyText)
    {
        if (publicKeyText is not null)
            return EvidencePublicKey.Parse(File.Exists(publicKeyText) ? File.ReadAllText(publicKeyText) : publicKeyText);
        return PublicKeyFromFile(KeyPath(databasePath, keyPath));
    }

    private static string DatabasePath(string? db) =>
        db ?? Configuration()[$"{SqliteStoreOptions.SectionName}:DatabasePath"] ?? new SqliteStoreOptions().DatabasePath;

    private static string KeyPath(string databasePath, string? keyPath) =>
        SqliteStore.SigningKeyPathFor(new SqliteStoreOptions { SigningKeyPath = keyPath ?? Configuration()["Evidence:SigningKeyPath"] }, databasePath);

    private static IConfigurationRoot Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    private static int Print(int code, string line)
    {
        System.Console.WriteLine(line);
        return code;
    }

    private static int Fail(int code, string line)
    {
        System.Console.Error.WriteLine(line);
        return code;
    }
}
