namespace IncidentBot.Host.Configuration;

/// <summary>
/// Which evidence store the bot runs on. Section <c>Storage</c>: <c>Provider</c> is <c>sqlite</c> (the default: one
/// file, one node; <c>Storage:DatabasePath</c>) or <c>postgres</c> (one database shared by any number of nodes;
/// <c>Storage:ConnectionString</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The embedded default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The shared store for several nodes.</summary>
    public const string Postgres = "postgres";

    /// <summary><see cref="Sqlite"/> (default) or <see cref="Postgres"/>, in any case.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Whether <see cref="Provider"/> names a store this build has.</summary>
    public bool IsKnown => IsSqlite || IsPostgres;

    /// <summary>Whether <see cref="Provider"/> is <see cref="Postgres"/>.</summary>
    public bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Provider"/> is <see cref="Sqlite"/> (or left empty).</summary>
    public bool IsSqlite => string.IsNullOrWhiteSpace(Provider) || string.Equals(Provider.Trim(), Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>The options as <paramref name="configuration"/> sets them (before the container is built).</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new StorageOptions { Provider = configuration[$"{SectionName}:{nameof(Provider)}"] ?? Sqlite };
    }
}
