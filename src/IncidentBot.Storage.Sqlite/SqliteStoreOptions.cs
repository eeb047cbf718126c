namespace IncidentBot.Storage.Sqlite;

/// <summary>Options of <see cref="SqliteStore"/>, the embedded evidence store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// Path of the SQLite database file, relative to the working directory unless rooted. Its folder is created
    /// if missing. Default: <c>./data/incidentbot.db</c>.
    /// </summary>
    public string DatabasePath { get; set; } = "./data/incidentbot.db";

    /// <summary>
    /// How long a statement waits for another connection or process holding the write lock before it fails.
    /// Default: 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>File name of the signing key when <see cref="SigningKeyPath"/> is not set: <c>evidence-signing.key</c>.</summary>
    public const string DefaultSigningKeyFile = "evidence-signing.key";

    /// <summary>
    /// Path of the ECDSA P-256 key that signs checkpoints (PEM, created on first start with Unix mode 600). Bound from
    /// <c>Evidence:SigningKeyPath</c>. It must not be the database file; keep it on another volume or owner in
    /// production (see README, Threat model). Default: <see cref="DefaultSigningKeyFile"/> in the database's folder.
    /// </summary>
    public string? SigningKeyPath { get; set; }
}
