using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Key of the transaction advisory lock on the checkpoint chain's tail. Fixed forever: every node and build must
    /// take the same one. (The bytes spell "IncBotCk".)
    /// </summary>
    internal const long CheckpointLockKey = 0x496E63426F74436B;

    /// <inheritdoc />
    /// <remarks>The checkpoint written by the transaction that last moved the stream (the SQLite store's rule, first
    /// checkpoint included). Null when the stream has no checkpoint.</remarks>
    public async Task<string?> GetSealAsync(string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, """
                SELECT COALESCE(
                    (SELECT c.hash FROM checkpoint_streams s JOIN checkpoints c ON c.number = s.number WHERE s.stream = @s),
                    (SELECT hash FROM checkpoints WHERE number = 1 AND EXISTS (SELECT 1 FROM events WHERE stream = @s)));
                """)
            .With("s", stream).ScalarAsync<string>(cancellationToken);
    }

    /// <summary>
    /// Writes the next checkpoint, over <paramref name="moved"/>, in <paramref name="transaction"/>: the format, fields
    /// and counting rules of the SQLite store's, so the same verifier applies. The chain's tail is taken under
    /// <see cref="CheckpointLockKey"/>, held to the commit, so checkpoints are numbered in commit order and each
    /// names the one committed before it. Taken last in the append, after the stream's lock, so no two appends can
    /// wait for each other in a circle.
    /// </summary>
    private async Task<Checkpoint> WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        StreamHead moved, int deliveriesAdded, int runbooksAdded, CancellationToken cancellationToken)
    {
        var key = SigningKey();
        await connection.Sql(transaction, "SELECT pg_advisory_xact_lock(@key);")
            .With("key", CheckpointLockKey, NpgsqlDbType.Bigint).RunAsync(cancellationToken);
        var lasts = await connection.Sql(transaction,
                $"SELECT {StoredRows.CheckpointColumns} FROM checkpoints ORDER BY number DESC LIMIT 1;")
            .ListAsync(StoredRows.Checkpoint, cancellationToken);
        var last = lasts.Count == 0 ? null : lasts[0];
        var incidents = await connection.Sql(transaction, "SELECT count(*) FROM incidents;").ScalarAsync<long>(cancellationToken);
        var counter = await connection.Sql(transaction, "SELECT last FROM incident_counter WHERE id = 1;").ScalarAsync<long>(cancellationToken);
        // The first checkpoint counts every table; later ones add what the commit wrote, so no append scans a table
        // that grows with history (the incident projection is small and counted each time).
        var counts = last is null
            ? new CheckpointCounts(
                await connection.Sql(transaction, "SELECT count(*) FROM deliveries;").ScalarAsync<long>(cancellationToken),
                incidents, counter,
                await connection.Sql(transaction, "SELECT count(*) FROM runbook_versions;").ScalarAsync<long>(cancellationToken))
            : new CheckpointCounts(last.Counts.Deliveries + deliveriesAdded, incidents, counter, last.Counts.Runbooks + runbooksAdded);
        var full = last is null;
        IReadOnlyList<StreamHead> heads = full ? await ReadAllHeadsAsync(connection, transaction, cancellationToken) : [moved];
        var checkpoint = CheckpointHasher.Next(key, last, Now(), heads, counts);
        var hash = checkpoint.Hash;
        await connection.Sql(transaction, $"""
            INSERT INTO checkpoints ({StoredRows.CheckpointColumns})
            VALUES (@n, @at, @full, @heads, @d, @i, @c, @r, @key, @prev, @hash, @sig);
            """)
            .With("n", checkpoint.Number).With("at", checkpoint.CreatedUtc).With("full", full)
            .With("heads", CheckpointHasher.FormatHeads(heads)).With("d", counts.Deliveries)
            .With("i", counts.Incidents).With("c", counts.IncidentCounter).With("r", counts.Runbooks)
            .With("key", checkpoint.KeyId).With("prev", checkpoint.PrevHash).With("hash", hash)
            .With("sig", checkpoint.Signature)
            .RunAsync(cancellationToken);
        // The moved stream's seal is now this checkpoint.
        await connection.Sql(transaction, """
            INSERT INTO checkpoint_streams (stream, number) VALUES (@s, @n)
            ON CONFLICT (stream) DO UPDATE SET number = excluded.number;
            """).With("s", moved.Stream).With("n", checkpoint.Number).RunAsync(cancellationToken);
        return checkpoint;
    }

    /// <summary>Every stream's last event, sorted by stream (ordinal, as the SQLite store sorts them).</summary>
    private static async Task<IReadOnlyList<StreamHead>> ReadAllHeadsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var heads = await connection.Sql(transaction, """
                SELECT DISTINCT ON (stream) stream, seq, hash FROM events ORDER BY stream, seq DESC;
                """)
            .ListAsync(r => new StreamHead(r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken);
        heads.Sort((a, b) => string.CompareOrdinal(a.Stream, b.Stream));
        return heads;
    }
}
