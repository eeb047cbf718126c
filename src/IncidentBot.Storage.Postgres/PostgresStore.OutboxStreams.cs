using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Shared;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Class id of the two-key advisory locks on outbox streams; the two-key space never overlaps the
    /// one-key locks appends take on evidence streams.</summary>
    private const int OutboxStreamLockClass = 0x0B0C;

    /// <inheritdoc />
    /// <remarks>
    /// Same runs as the SQLite store, kept across nodes by serialising the claim of each stream. In one READ COMMITTED
    /// transaction: (1) walk the streams whose oldest unfinished row is due and unclaimed, oldest head first, taking
    /// <c>pg_try_advisory_xact_lock(class, hash of (kind, target, stream))</c> on each until <c>maxStreams</c> are
    /// held; a stream another node is claiming right now is skipped, never waited for. (2) Lock the unfinished rows of
    /// those streams <c>FOR UPDATE</c> in id order, so a stale holder cannot complete or extend one of them halfway
    /// through. (3) In a new statement, hence a snapshot taken after every earlier claim of those streams committed,
    /// recompute each stream's head (still due, still unclaimed, or the stream is left alone) and its run up to the
    /// first row someone else holds, and lease the run. Every stream-run claim of a stream holds its lock until its
    /// commit, so no two nodes ever hold runs of one stream, and a run never starts behind a row that is still held
    /// or due later. A hash collision only makes two streams skip each other for a moment.
    /// </remarks>
    public async Task<IReadOnlyList<OutboxItem>> ClaimStreamRunsAsync(OutboxKind kind, string target, DateTimeOffset now, TimeSpan lease,
        int maxStreams, int maxPerStream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerStream);
        CheckClaim(kind, lease, maxStreams);
        var (token, until) = NewClaim(now, lease);
        var at = EvidenceHasher.FormatTime(now);
        var items = await InTransactionAsync(async (connection, transaction) =>
        {
            var streams = await connection.Sql(transaction, """
                    SELECT stream FROM (
                        SELECT h.stream, h.head FROM (
                            SELECT stream, MIN(id) AS head FROM outbox
                            WHERE kind = @kind AND target = @target AND done_utc IS NULL
                            GROUP BY stream) h
                        JOIN outbox o ON o.id = h.head
                        WHERE o.due_utc <= @now AND (o.claimed_until IS NULL OR o.claimed_until <= @now)
                        ORDER BY h.head) d
                    WHERE pg_try_advisory_xact_lock(@class, hashtext(@kind || chr(31) || @target || chr(31) || d.stream))
                    LIMIT @max;
                    """)
                .With("kind", kind.Name).With("target", target).With("now", at)
                .With("class", OutboxStreamLockClass, NpgsqlDbType.Integer).With("max", maxStreams, NpgsqlDbType.Integer)
                .ListAsync(r => r.GetString(0), cancellationToken);
            if (streams.Count == 0) return [];
            await connection.Sql(transaction, """
                    SELECT id FROM outbox
                    WHERE kind = @kind AND target = @target AND stream = ANY(@streams) AND done_utc IS NULL
                    ORDER BY id
                    FOR UPDATE;
                    """)
                .With("kind", kind.Name).With("target", target).With("streams", streams.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .RunAsync(cancellationToken);
            return await connection.Sql(transaction, $"""
                    WITH pending AS (
                        SELECT id, stream, due_utc, claimed_until FROM outbox
                        WHERE kind = @kind AND target = @target AND stream = ANY(@streams) AND done_utc IS NULL),
                    heads AS (
                        SELECT p.stream, p.id AS head FROM pending p
                        WHERE p.id = (SELECT MIN(q.id) FROM pending q WHERE q.stream = p.stream)
                          AND p.due_utc <= @now AND (p.claimed_until IS NULL OR p.claimed_until <= @now)),
                    runs AS (
                        SELECT h.stream, h.head,
                               COALESCE((SELECT MIN(q.id) FROM pending q WHERE q.stream = h.stream AND q.claimed_until > @now),
                                        9223372036854775807) AS stop
                        FROM heads h),
                    picked AS (
                        SELECT id FROM (
                            SELECT p.id, ROW_NUMBER() OVER (PARTITION BY p.stream ORDER BY p.id) AS n
                            FROM pending p JOIN runs r ON p.stream = r.stream
                            WHERE p.id >= r.head AND p.id < r.stop) numbered
                        WHERE n <= @per)
                    UPDATE outbox SET claimed_until = @until, claim_token = @token
                    WHERE id IN (SELECT id FROM picked)
                    RETURNING {StoredRows.OutboxColumns};
                    """)
                .With("kind", kind.Name).With("target", target).With("streams", streams.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .With("now", at).With("per", maxPerStream, NpgsqlDbType.Integer)
                .With("until", EvidenceHasher.FormatTime(until)).With("token", token)
                .ListAsync(StoredRows.OutboxItem, cancellationToken);
        }, cancellationToken);
        return Claimed(items.OrderBy(i => i.Id), token, until);
    }
}
