using Npgsql;

namespace IncidentBot.Storage.Postgres.Schema;

/// <summary>
/// The two roles of a shared store. The owner role installs the schema (<see cref="PostgresSchemaMigrator"/>) and owns
/// the tables; the bot connects as a separate login role that owns nothing and holds only what the store needs. On
/// evidence (<c>events</c>, <c>checkpoints</c>, <c>runbook_versions</c>, <c>signing_key</c>) that is SELECT and INSERT: no UPDATE, DELETE or
/// TRUNCATE, so the bot cannot change evidence even before the append-only triggers are reached, and, owning no
/// table, cannot disable those triggers either.
/// </summary>
internal static class PostgresRoles
{
    // What the bot's role may do, table by table. Nothing of ours ever deletes a row.
    private static readonly (string Table, string Privileges)[] BotPrivileges =
    [
        ("events", "SELECT, INSERT"),
        ("checkpoints", "SELECT, INSERT"),
        ("runbook_versions", "SELECT, INSERT"),
        ("deliveries", "SELECT, INSERT"),
        ("changes", "SELECT, INSERT"),
        ("incident_counter", "SELECT, UPDATE"),
        ("incidents", "SELECT, INSERT, UPDATE"),
        ("conversations", "SELECT, INSERT, UPDATE"),
        ("known_conversations", "SELECT, INSERT, UPDATE"),
        ("checkpoint_streams", "SELECT, INSERT, UPDATE"),
        ("outbox", "SELECT, INSERT, UPDATE"),
        ("signing_key", "SELECT, INSERT"),
        ("schema_migrations", "SELECT"),
    ];

    /// <summary>
    /// Gives the existing role <paramref name="botRole"/> exactly the bot's privileges on a migrated database, in one
    /// transaction: whatever it held on these tables before is revoked first, so granting again is harmless and
    /// repairs a role given too much. Run it on an open connection of the tables' owner (or a superuser).
    /// </summary>
    public static async Task GrantBotRoleAsync(NpgsqlConnection ownerConnection, string botRole,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerConnection);
        ArgumentException.ThrowIfNullOrWhiteSpace(botRole);
        var role = QuoteIdentifier(botRole);
        await using var transaction = await ownerConnection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(ownerConnection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"GRANT USAGE ON SCHEMA public TO {role}"));
        foreach (var (table, privileges) in BotPrivileges)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"REVOKE ALL ON TABLE {table} FROM {role}"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"GRANT {privileges} ON TABLE {table} TO {role}"));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A PostgreSQL identifier in double quotes, embedded quotes doubled.</summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(identifier));
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
