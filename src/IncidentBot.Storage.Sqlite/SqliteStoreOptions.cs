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
}
