using System.Text;
using IncidentBot.Core.Evidence;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite.Audit;

/// <summary>
/// Checks everything a store file can prove, read-only, in this order, and names the first problem: SQLite's own
/// <c>PRAGMA integrity_check</c>; every hash chain (<see cref="EvidenceVerifier"/>); the checkpoint chain (numbering,
/// links, hashes, signatures with the given public key); every stream's head against the latest checkpoint; the row
/// counts it fixes; each incident row against the fold of its events; deliveries pointing at real events; each stored
/// runbook text against its pinned hash; and, when given, that a seal is a checkpoint of this chain whose heads the
/// events still hold.
/// </summary>
/// <remarks>
/// A store with events but no checkpoint is reported as altered: the bot writes the first checkpoint when it starts
/// on an older store, so only a store never opened by this version, or one whose checkpoints were removed, has none,
/// and the verifier cannot tell them apart.
/// </remarks>
public sealed partial class SqliteEvidenceAuditor
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private readonly SqliteConnection _connection;
    private readonly EvidencePublicKey _publicKey;

    private SqliteEvidenceAuditor(SqliteConnection connection, EvidencePublicKey publicKey)
    {
        _connection = connection;
        _publicKey = publicKey;
    }

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
            return await new SqliteEvidenceAuditor(connection, publicKey).RunAsync(databasePath, seal?.Trim(), cancellationToken);
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

    private async Task<EvidenceAuditResult> RunAsync(string path, string? seal, CancellationToken ct)
    {
        var integrity = await _connection.Sql(null, "PRAGMA integrity_check(1);").ScalarAsync<string>(ct);
        if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            return EvidenceAuditResult.Altered($"SQLite integrity check failed: {integrity}");
        var tables = await _connection.Sql(null, "SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'table';")
            .ScalarAsync<string>(ct) ?? "";
        var names = tables.Split(' ');
        if (!names.Contains("events"))
            return EvidenceAuditResult.CouldNotRun($"{path} is not an IncidentBot evidence database (it has no events table).");

        var chains = await EvidenceVerifier.VerifyAsync(ReadEventsAsync(ct), ct);
        if (!chains.Ok) return EvidenceAuditResult.Altered(chains.FirstFault!.ToString());
        if (!names.Contains("checkpoints"))
        {
            return chains.EventCount == 0
                ? new EvidenceAuditResult(AuditVerdict.Intact, $"ok: empty store {path}")
                : EvidenceAuditResult.Altered($"no checkpoint table: {chains.EventCount} events are not covered by any signed checkpoint (a store from before checkpoints that this version never opened, or checkpoints removed)");
        }

        var checkpoints = await CheckCheckpointsAsync(chains.EventCount, seal, ct);
        if (checkpoints.Problem is { } problem) return EvidenceAuditResult.Altered(problem);
        var rows = await CheckRowsAsync(checkpoints.Latest, ct);
        if (rows is not null) return EvidenceAuditResult.Altered(rows);

        var latest = checkpoints.Latest is { } l ? $", {l.Number} checkpoints signed by key {_publicKey.KeyId} (latest seal {l.Hash})" : "";
        var sealed_ = checkpoints.SealNumber is { } n ? $"; seal {seal} confirmed (checkpoint #{n})" : "";
        return new EvidenceAuditResult(AuditVerdict.Intact,
            $"ok: {chains.EventCount} events in {chains.StreamCount} chains{latest}{sealed_} verified in {path}");
    }

    private async IAsyncEnumerable<EvidenceEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = _connection.Sql(null, $"SELECT {SqliteRows.EventColumns} FROM events ORDER BY stream, seq;");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return SqliteRows.Event(reader);
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
