namespace IncidentBot.Storage.Postgres.Schema;

/// <summary>
/// One numbered schema script (<c>0001_initial.sql</c> is number 1) and the SHA-256 of its text, which
/// <c>schema_migrations</c> records so a database migrated by a different script is recognised.
/// </summary>
internal sealed record PostgresSchemaScript(int Number, string Name, string Sql, string Sha256);
