using System.Text;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared.Audit;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Audit;

/// <summary>
/// Audits a store file, read-only: opens it (refusing a missing or foreign file), runs SQLite's own
/// <c>PRAGMA integrity_check</c>, then the shared <see cref="EvidenceAudit"/>, and turns SQLite's errors into verdicts.
/// </summary>
public static class SqliteEvidenceAuditor
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Audits the database at <paramref name="databasePath"/>; never writes to it and never throws for a bad file.</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="publicKey">The key checkpoints must be signed with.</param>
    /// <param name="seal">A seal held outside the store (from an export or a chat thread) to confirm, or null.</param>
    /// <param name="cancellationToken">Stops the audit.</param>
    public static async Task<EvidenceAuditResult> AuditAsync(string databasePath, EvidencePublicKey publicKey, string? seal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (NotADatabase(databasePath) is { } why) return EvidenceAuditResult.CouldNotRun($"{databasePath} {why}");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return await RunAsync(connection, publicKey, databasePath, seal?.Trim(), cancellationToken);
        }
        catch (Exception e) when (Sqlite(e) is { SqliteErrorCode: 11 or 26 } damaged)
        {
            // SQLITE_CORRUPT / SQLITE_NOTADB behind a valid header: the file was damaged after SQLite wrote it.
            return EvidenceAuditResult.Altered($"the database file is damaged: {damaged.Message}");
        }
        catch (Exception e) when (Sqlite(e) is { } unreadable)
        {
            return EvidenceAuditResult.CouldNotRun($"{databasePath} cannot be read: {unreadable.Message}");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidCastException or OverflowException)
        {
            // A value of the wrong shape (a NULL hash, text in a number column) is an edit SQLite let through.
            return EvidenceAuditResult.Altered($"a stored value is malformed: {e.Message}");
        }
    }

    private static async Task<EvidenceAuditResult> RunAsync(SqliteConnection connection, EvidencePublicKey publicKey,
        string path, string? seal, CancellationToken ct)
    {
        var integrity = await connection.Sql(null, "PRAGMA integrity_check(1);").ScalarAsync<string>(ct);
        if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            return EvidenceAuditResult.Altered($"SQLite integrity check failed: {integrity}");
        var tables = await connection.Sql(null, "SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'table';")
            .ScalarAsync<string>(ct) ?? "";
        var names = tables.Split(' ');
        if (!names.Contains("events"))
            return EvidenceAuditResult.CouldNotRun($"{path} is not an IncidentBot evidence database (it has no events table).");
        // SQLite sorts text by byte unless told otherwise: no collation to add.
        return await new EvidenceAudit(connection, null, publicKey, ordinalCollation: "")
            .RunAsync(path, names.Contains("checkpoints"), seal, ct);
    }

    private static SqliteException? Sqlite(Exception e) =>
        e as SqliteException ?? (e as StoreUnavailableException)?.InnerException as SqliteException;

    /// <summary>Why the file is not one SQLite can open (missing, unreadable, empty, another format), or null.</summary>
    public static string? NotADatabase(string path)
    {
        try
        {
            if (!File.Exists(path)) return "does not exist (no evidence database there).";
            using var file = File.OpenRead(path);
            var header = new byte[SqliteHeader.Length];
            var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == header.Length && header.AsSpan().SequenceEqual(SqliteHeader)
                ? null
                : "is not an IncidentBot evidence database (not an SQLite file).";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }
}
