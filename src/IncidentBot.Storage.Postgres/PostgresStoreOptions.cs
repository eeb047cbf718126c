using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

/// <summary>
/// Options of the PostgreSQL evidence store, which several bot nodes share. The connection string holds a password:
/// it belongs in a secret store or environment variable, never in a settings file, and it is never logged;
/// <see cref="ToString"/> leaves the password out.
/// </summary>
public sealed class PostgresStoreOptions
{
    /// <summary>Configuration section the connection string binds from (<c>Storage:ConnectionString</c>), next to
    /// <c>Storage:Provider=postgres</c>; the key's path binds from <c>Evidence:SigningKeyPath</c>.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// Npgsql connection string of the bot's role, e.g. <c>Host=db;Database=incidentbot;Username=incidentbot_bot;Password=...</c>.
    /// Required; no default.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Path of the ECDSA P-256 key that signs checkpoints and keys the projection rows' checksums (PEM, created on
    /// first start with Unix mode 600), as for the SQLite store (bound from <c>Evidence:SigningKeyPath</c>). Every node
    /// sharing the database must use the same key; keep it off the database server. Required; no default.
    /// </summary>
    [Required]
    public string SigningKeyPath { get; set; } = "";

    /// <summary>The options with the connection string's password (and any other secret) removed.</summary>
    public override string ToString() => $"PostgresStoreOptions {{ ConnectionString = {Redacted(ConnectionString)}, SigningKeyPath = {SigningKeyPath} }}";

    private static string Redacted(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Unreadable, so nothing in it can be told apart from a password: show none of it.
            return "(unreadable)";
        }
        var shown = new NpgsqlConnectionStringBuilder
        {
            Host = builder.Host,
            Port = builder.Port,
            Database = builder.Database,
            Username = builder.Username,
        };
        return shown.ConnectionString + (builder.Password is null ? "" : ";Password=***");
    }
}
