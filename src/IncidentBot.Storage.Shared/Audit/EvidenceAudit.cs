using System.Data.Common;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Shared.Audit;

/// <summary>
/// The engine-neutral part of an evidence audit, over an open connection to a store with the shared tables and
/// columns (<see cref="StoredRows"/>), read-only, naming the first problem: every hash chain
/// (<see cref="EvidenceVerifier"/>); the checkpoint chain (numbering, links, hashes, signatures with the given public
/// key); every stream's head against the latest checkpoint; the row counts it fixes; each incident row against the
/// fold of its events; deliveries pointing at real events; each stored runbook text against its pinned hash; and,
/// when given, that a seal is a checkpoint of this chain whose heads the events still hold.
/// </summary>
/// <remarks>
/// Opening the store (and its engine's own checks) is the engine's part: the SQLite and PostgreSQL auditors open a
/// read-only connection (PostgreSQL: one read-only snapshot) and hand it here. Parameters are written <c>@name</c>,
/// which both engines accept. A store with events but no checkpoint is reported as altered: the bot writes the first
/// checkpoint when it starts on an older store, so only a store never opened by this version, or one whose
/// checkpoints were removed, has none, and the verifier cannot tell them apart.
/// </remarks>
public sealed partial class EvidenceAudit
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly EvidencePublicKey _publicKey;
    private readonly string _ordinal;

    /// <summary>An audit over <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection to the store.</param>
    /// <param name="transaction">The transaction every read runs in (one snapshot), or null.</param>
    /// <param name="publicKey">The key checkpoints must be signed with.</param>
    /// <param name="ordinalCollation">
    /// What follows a text column in ORDER BY so it sorts by byte (ordinal), as the stores sort streams: empty for
    /// SQLite (binary by default), <c> COLLATE "C"</c> for PostgreSQL.
    /// </param>
    public EvidenceAudit(DbConnection connection, DbTransaction? transaction, EvidencePublicKey publicKey, string ordinalCollation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(ordinalCollation);
        _connection = connection;
        _transaction = transaction;
        _publicKey = publicKey;
        _ordinal = ordinalCollation;
    }

    /// <summary>Runs every check; throws what the connection throws (the engine's auditor turns that into a verdict).</summary>
    /// <param name="location">Where the store is, for the messages (a file path, or a database and host); never a secret.</param>
    /// <param name="hasCheckpointTable">Whether the store has a <c>checkpoints</c> table (stores before checkpoints have none).</param>
    /// <param name="seal">A seal held outside the store to confirm (trimmed), or null.</param>
    /// <param name="cancellationToken">Stops the audit.</param>
    public async Task<EvidenceAuditResult> RunAsync(string location, bool hasCheckpointTable, string? seal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var ct = cancellationToken;
        var chains = await EvidenceVerifier.VerifyAsync(ReadEventsAsync(ct), ct);
        if (!chains.Ok) return EvidenceAuditResult.Altered(chains.FirstFault!.ToString());
        if (!hasCheckpointTable)
        {
            return chains.EventCount == 0
                ? new EvidenceAuditResult(AuditVerdict.Intact, $"ok: empty store {location}")
                : EvidenceAuditResult.Altered($"no checkpoint table: {chains.EventCount} events are not covered by any signed checkpoint (a store from before checkpoints that this version never opened, or checkpoints removed)");
        }

        var checkpoints = await CheckCheckpointsAsync(chains.EventCount, seal, ct);
        if (checkpoints.Problem is { } problem) return EvidenceAuditResult.Altered(problem);
        var rows = await CheckRowsAsync(checkpoints.Latest, ct);
        if (rows is not null) return EvidenceAuditResult.Altered(rows);

        var latest = checkpoints.Latest is { } l ? $", {l.Number} checkpoints signed by key {_publicKey.KeyId} (latest seal {l.Hash})" : "";
        var sealed_ = checkpoints.SealNumber is { } n ? $"; seal {seal} confirmed (checkpoint #{n})" : "";
        return new EvidenceAuditResult(AuditVerdict.Intact,
            $"ok: {chains.EventCount} events in {chains.StreamCount} chains{latest}{sealed_} verified in {location}");
    }

    private async IAsyncEnumerable<EvidenceEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command($"SELECT {StoredRows.EventColumns} FROM events ORDER BY stream{_ordinal}, seq;");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return StoredRows.Event(reader);
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using (command)
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add(map(reader));
            return rows;
        }
    }

    private static async Task<string?> ScalarAsync(DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(ct) is string text ? text : null;
        }
    }
}
