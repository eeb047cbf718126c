using System.Data;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared.Audit;
using Npgsql;

namespace IncidentBot.Storage.Postgres.Audit;

/// <summary>
/// Audits a PostgreSQL store: opens it from a connection string, reads one snapshot in a read-only REPEATABLE READ
/// transaction (so appends by running nodes during the audit are not half seen), and runs the shared
/// <see cref="EvidenceAudit"/>. Messages name the database and host, never the password.
/// </summary>
public static class PostgresEvidenceAuditor
{
    /// <summary>Audits the store behind <paramref name="connectionString"/>; never writes and never throws for a bad store.</summary>
    /// <param name="connectionString">An Npgsql connection string (a reader's role is enough).</param>
    /// <param name="publicKey">The key checkpoints must be signed with.</param>
    /// <param name="seal">A seal held outside the store (from an export or a chat thread) to confirm, or null.</param>
    /// <param name="cancellationToken">Stops the audit.</param>
    public static async Task<EvidenceAuditResult> AuditAsync(string connectionString, EvidencePublicKey publicKey, string? seal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(publicKey);
        string location;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            location = $"database {builder.Database} on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return EvidenceAuditResult.CouldNotRun("the PostgreSQL connection string is not valid.");
        }
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY;", connection, transaction))
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            var tables = await TablesAsync(connection, transaction, cancellationToken);
            if (!tables.Contains("events"))
                return EvidenceAuditResult.CouldNotRun($"{location} is not an IncidentBot evidence database (it has no events table).");
            return await new EvidenceAudit(connection, transaction, publicKey, ordinalCollation: " COLLATE \"C\"")
                .RunAsync(location, tables.Contains("checkpoints"), seal?.Trim(), cancellationToken);
        }
        catch (PostgresException e)
        {
            // A server error names only the SQL state and its text, neither of which carries the password.
            return EvidenceAuditResult.CouldNotRun($"{location} cannot be read: {e.SqlState} {e.MessageText}");
        }
        catch (NpgsqlException e)
        {
            return EvidenceAuditResult.CouldNotRun($"{location} cannot be reached: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidCastException or OverflowException)
        {
            // A value of the wrong shape (a NULL hash, text where a time belongs) is an edit the owner let through.
            return EvidenceAuditResult.Altered($"a stored value is malformed: {e.Message}");
        }
    }

    private static async Task<HashSet<string>> TablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema();", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }
}
