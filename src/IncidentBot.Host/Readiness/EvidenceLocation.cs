using IncidentBot.Core.Evidence;
using IncidentBot.Core.Readiness;
using IncidentBot.Host.Configuration;
using IncidentBot.Storage.Postgres.Audit;
using IncidentBot.Storage.Shared.Audit;
using IncidentBot.Storage.Sqlite;
using IncidentBot.Storage.Sqlite.Audit;

namespace IncidentBot.Host.Readiness;

/// <summary>Where the evidence store and its checkpoint signing key are, as the configuration says, and the read-only
/// audit of it (the same as <c>incidentbot evidence verify</c>).</summary>
/// <param name="IsPostgres">PostgreSQL rather than SQLite.</param>
/// <param name="DatabasePath">SQLite: the full path of the database file.</param>
/// <param name="ConnectionString">PostgreSQL: the connection string (never printed).</param>
/// <param name="SigningKeyPath">The key file in use, null when none is configured (PostgreSQL without <c>Evidence:SigningKeyPath</c>).</param>
public sealed record EvidenceLocation(bool IsPostgres, string? DatabasePath, string? ConnectionString, string? SigningKeyPath)
{
    /// <summary>Reads the location from <c>Storage</c> and <c>Evidence:SigningKeyPath</c>.</summary>
    public static EvidenceLocation From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configuredKey = configuration["Evidence:SigningKeyPath"];
        if (StorageOptions.From(configuration).IsPostgres)
            return new(true, null, configuration["Storage:ConnectionString"],
                string.IsNullOrWhiteSpace(configuredKey) ? null : Path.GetFullPath(configuredKey));
        var database = Path.GetFullPath(configuration[$"{SqliteStoreOptions.SectionName}:DatabasePath"] ?? new SqliteStoreOptions().DatabasePath);
        string? key;
        try
        {
            key = SqliteStore.SigningKeyPathFor(new SqliteStoreOptions { SigningKeyPath = configuredKey }, database);
        }
        catch (ArgumentException)
        {
            key = null; // the key named is the database itself: no key of its own
        }
        return new(false, database, null, key);
    }

    /// <summary>For people: <c>sqlite /path/to.db</c> or <c>postgres</c>.</summary>
    public string Describe => IsPostgres ? "postgres" : $"sqlite {DatabasePath}";

    /// <summary>Whether the key file exists.</summary>
    public bool SigningKeyExists => SigningKeyPath is not null && File.Exists(SigningKeyPath);

    /// <summary>SQLite: whether the key sits in the database's folder (the default).</summary>
    public bool SigningKeyBesideDatabase => !IsPostgres && SigningKeyPath is not null && DatabasePath is not null &&
        string.Equals(Path.GetDirectoryName(SigningKeyPath), Path.GetDirectoryName(DatabasePath), StringComparison.Ordinal);

    /// <summary>Audits the store read-only; never throws for a bad store or key.</summary>
    public async Task<(EvidenceAuditOutcome Outcome, string Message)> AuditAsync(CancellationToken cancellationToken)
    {
        if (SigningKeyPath is null) return (EvidenceAuditOutcome.CouldNotRun, "no signing key is configured, so checkpoints cannot be checked");
        if (!SigningKeyExists) return (EvidenceAuditOutcome.CouldNotRun, $"there is no signing key at {SigningKeyPath}");
        EvidencePublicKey publicKey;
        try
        {
            using var key = EvidenceSigningKey.Load(SigningKeyPath);
            publicKey = EvidencePublicKey.Parse(key.PublicKey.Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return (EvidenceAuditOutcome.CouldNotRun, $"the signing key at {SigningKeyPath} cannot be read: {e.Message}");
        }
        using (publicKey)
        {
            EvidenceAuditResult result;
            if (IsPostgres)
            {
                if (string.IsNullOrWhiteSpace(ConnectionString)) return (EvidenceAuditOutcome.CouldNotRun, "Storage:ConnectionString is not set");
                result = await PostgresEvidenceAuditor.AuditAsync(ConnectionString, publicKey, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result = await SqliteEvidenceAuditor.AuditAsync(DatabasePath!, publicKey, null, cancellationToken).ConfigureAwait(false);
            }
            return (result.Verdict switch
            {
                AuditVerdict.Intact => EvidenceAuditOutcome.Intact,
                AuditVerdict.Altered => EvidenceAuditOutcome.Altered,
                _ => EvidenceAuditOutcome.CouldNotRun,
            }, result.Message);
        }
    }
}
