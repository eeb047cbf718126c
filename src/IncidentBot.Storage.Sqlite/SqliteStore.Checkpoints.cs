using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    internal const string CheckpointColumns = StoredRows.CheckpointColumns;

    /// <inheritdoc />
    /// <remarks>The checkpoint written by the transaction that last moved the stream; for a stream last written before
    /// checkpoints existed, the store's first checkpoint (which lists every head). Null when the stream has no checkpoint.</remarks>
    public async Task<string?> GetSealAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, """
                SELECT COALESCE(
                    (SELECT c.hash FROM checkpoint_streams s JOIN checkpoints c ON c.number = s.number WHERE s.stream = $s),
                    (SELECT hash FROM checkpoints WHERE number = 1 AND EXISTS (SELECT 1 FROM events WHERE stream = $s)));
                """)
            .With("$s", stream).ScalarAsync<string>(cancellationToken);
    }

    /// <summary>
    /// Writes the next checkpoint in <paramref name="transaction"/>. Cost: one indexed read of the previous checkpoint,
    /// a count of the incident rows, one signature; the store's first checkpoint also reads every stream head once.
    /// </summary>
    /// <param name="moved">The heads the transaction moved, one per stream; null for a checkpoint over an existing store.</param>
    /// <param name="deliveriesAdded">Delivery rows the commit added.</param>
    /// <param name="runbooksAdded">Runbook texts the commit added.</param>
    private async Task<Checkpoint> WriteCheckpointAsync(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<StreamHead>? moved, int deliveriesAdded, int runbooksAdded, CancellationToken cancellationToken)
    {
        var key = SigningKey();
        var last = await ReadLastCheckpointAsync(connection, transaction, cancellationToken);
        var incidents = await connection.Sql(transaction, "SELECT count(*) FROM incidents;").ScalarAsync<long>(cancellationToken);
        var counter = await connection.Sql(transaction, "SELECT last FROM incident_counter WHERE id = 1;").ScalarAsync<long>(cancellationToken);
        // The first checkpoint counts every table; later ones add what the commit wrote, so no append scans a
        // table that grows with history (the incident projection is small and counted each time).
        var counts = last is null || moved is null
            ? new CheckpointCounts(
                await connection.Sql(transaction, "SELECT count(*) FROM deliveries;").ScalarAsync<long>(cancellationToken),
                incidents, counter,
                await connection.Sql(transaction, "SELECT count(*) FROM runbook_versions;").ScalarAsync<long>(cancellationToken))
            : new CheckpointCounts(last.Counts.Deliveries + deliveriesAdded, incidents, counter, last.Counts.Runbooks + runbooksAdded);
        var full = last is null;
        var heads = full ? await ReadAllHeadsAsync(connection, transaction, cancellationToken) : moved!;
        var checkpoint = CheckpointHasher.Next(key, last, Now(), heads, counts);
        var hash = checkpoint.Hash;
        await connection.Sql(transaction, $"""
            INSERT INTO checkpoints ({CheckpointColumns})
            VALUES ($n, $at, $full, $heads, $d, $i, $c, $r, $key, $prev, $hash, $sig);
            """)
            .With("$n", checkpoint.Number).With("$at", checkpoint.CreatedUtc).With("$full", full ? 1 : 0)
            .With("$heads", CheckpointHasher.FormatHeads(heads)).With("$d", counts.Deliveries)
            .With("$i", counts.Incidents).With("$c", counts.IncidentCounter).With("$r", counts.Runbooks)
            .With("$key", checkpoint.KeyId).With("$prev", checkpoint.PrevHash).With("$hash", hash)
            .With("$sig", checkpoint.Signature)
            .RunAsync(cancellationToken);
        // Each moved stream's seal is now this checkpoint.
        foreach (var head in moved ?? [])
            await connection.Sql(transaction, """
                INSERT INTO checkpoint_streams (stream, number) VALUES ($s, $n)
                ON CONFLICT (stream) DO UPDATE SET number = excluded.number;
                """).With("$s", head.Stream).With("$n", checkpoint.Number).RunAsync(cancellationToken);
        return checkpoint;
    }

    /// <summary>A store with events but no checkpoint (written before checkpoints existed) gets its first one.</summary>
    private async Task CheckpointExistingStoreAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var pending = await connection.Sql(transaction,
                "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM checkpoints);")
            .ScalarAsync<long>(cancellationToken);
        if (pending == 0) return;
        await WriteCheckpointAsync(connection, transaction, null, 0, 0, cancellationToken);
        transaction.Commit();
    }

    private static async Task<Checkpoint?> ReadLastCheckpointAsync(SqliteConnection connection,
        SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.Sql(transaction,
                $"SELECT {CheckpointColumns} FROM checkpoints ORDER BY number DESC LIMIT 1;")
            .ListAsync(ReadCheckpoint, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Maps a row selected with <see cref="CheckpointColumns"/>.</summary>
    internal static Checkpoint ReadCheckpoint(SqliteDataReader r) => StoredRows.Checkpoint(r);

    /// <summary>Every stream's last event, sorted by stream (ordinal).</summary>
    internal static async Task<IReadOnlyList<StreamHead>> ReadAllHeadsAsync(SqliteConnection connection,
        SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var heads = await connection.Sql(transaction, """
                SELECT e.stream, e.seq, e.hash FROM events e
                JOIN (SELECT stream, MAX(seq) AS last FROM events GROUP BY stream) h ON h.stream = e.stream AND h.last = e.seq;
                """)
            .ListAsync(r => new StreamHead(r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken);
        heads.Sort((a, b) => string.CompareOrdinal(a.Stream, b.Stream));
        return heads;
    }

    /// <summary>The signing key, loaded (or created) on first use.</summary>
    private EvidenceSigningKey SigningKey()
    {
        if (_signingKey is { } loaded) return loaded;
        try
        {
            return _signingKey = EvidenceSigningKey.LoadOrCreate(_signingKeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new StoreUnavailableException($"The evidence signing key {_signingKeyPath} could not be loaded or created: {e.Message}", e);
        }
    }
}
