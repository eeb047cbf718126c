namespace IncidentBot.Bench;

/// <summary>
/// Where a bot node keeps its evidence: the SQLite file next to it (the default), or a PostgreSQL database that several
/// nodes share, with the checkpoint signing key every node of that database must share (the first node creates it).
/// </summary>
internal sealed record BotStorage(string Provider, string? ConnectionString = null, string? SigningKeyPath = null)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>
    /// The environment variable that hands a child the connection string: it may hold a password, which does not
    /// belong on a command line that every local user can read in <c>/proc/{pid}/cmdline</c>.
    /// </summary>
    public const string ConnectionStringVariable = "IncidentBot__Bench__ConnectionString";

    public static BotStorage OnSqlite { get; } = new(Sqlite);

    public static BotStorage OnPostgres(string connectionString, string signingKeyPath) => new(Postgres, connectionString, signingKeyPath);
}
