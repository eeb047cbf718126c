using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(OutboxKind kind, DateTimeOffset now, TimeSpan lease, int max,
        CancellationToken cancellationToken) =>
        ClaimAsync("""
            SELECT id FROM outbox
            WHERE kind = $kind AND done_utc IS NULL AND due_utc <= $now
              AND (claimed_until IS NULL OR claimed_until <= $now)
            ORDER BY due_utc, id
            LIMIT $max
            """, kind, null, now, lease, max, items => items.OrderBy(i => i.DueUtc).ThenBy(i => i.Id), cancellationToken);

    /// <summary>
    /// Common table expressions over the unfinished items of <c>$kind</c> for <c>$target</c>: <c>streams</c>, each
    /// stream that has one (an index walk, one seek per stream however long the backlog); <c>heads</c>, each stream's
    /// oldest unfinished item; <c>due</c>, those heads that are due and not held by a live claim, oldest first, at most
    /// <c>$max</c>.
    /// </summary>
    private const string DueStreamHeads = """
        WITH RECURSIVE streams(stream) AS (
            SELECT (SELECT MIN(stream) FROM outbox WHERE kind = $kind AND target = $target AND done_utc IS NULL)
            UNION ALL
            SELECT (SELECT MIN(p.stream) FROM outbox p
                    WHERE p.kind = $kind AND p.target = $target AND p.done_utc IS NULL AND p.stream > s.stream)
            FROM streams s WHERE s.stream IS NOT NULL
        ),
        heads(stream, head) AS (
            SELECT s.stream, (SELECT MIN(p.id) FROM outbox p
                              WHERE p.kind = $kind AND p.target = $target AND p.done_utc IS NULL AND p.stream = s.stream)
            FROM streams s WHERE s.stream IS NOT NULL
        ),
        due(stream, head) AS (
            SELECT h.stream, h.head FROM heads h JOIN outbox o ON o.id = h.head
            WHERE o.due_utc <= $now AND (o.claimed_until IS NULL OR o.claimed_until <= $now)
            ORDER BY h.head
            LIMIT $max
        )
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimStreamRunsAsync(OutboxKind kind, string target, DateTimeOffset now, TimeSpan lease,
        int maxStreams, int maxPerStream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerStream);
        // From each due head: stop at the stream's first item someone else holds, so a run never skips over one; then
        // each run's items in order, capped.
        return ClaimAsync(DueStreamHeads + $"""
            , runs AS (
                SELECT d.stream, d.head,
                       COALESCE((SELECT MIN(q.id) FROM outbox q
                                 WHERE q.kind = $kind AND q.target = $target AND q.stream = d.stream AND q.done_utc IS NULL
                                   AND q.claimed_until > $now), 9223372036854775807) AS stop
                FROM due d)
            SELECT id FROM (
                SELECT o.id, ROW_NUMBER() OVER (PARTITION BY o.stream ORDER BY o.id) AS n
                FROM outbox o JOIN runs r ON o.stream = r.stream
                WHERE o.kind = $kind AND o.target = $target AND o.done_utc IS NULL AND o.id >= r.head AND o.id < r.stop)
            WHERE n <= {maxPerStream}
            """, kind, target, now, lease, maxStreams, items => items.OrderBy(i => i.Id), cancellationToken);
    }

    /// <summary>Leases the items <paramref name="selectIds"/> picks (in one write transaction) under one new owner
    /// token and returns them in <paramref name="order"/>, since RETURNING gives no order guarantee.</summary>
    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(string selectIds, OutboxKind kind, string? target, DateTimeOffset now,
        TimeSpan lease, int max, Func<IEnumerable<OutboxItem>, IEnumerable<OutboxItem>> order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
        var until = now + lease;
        var token = Guid.NewGuid().ToString("N");
        var items = await WriteAsync(async (connection, transaction) =>
        {
            var command = connection.Sql(transaction, $"""
                    UPDATE outbox SET claimed_until = $until, claim_token = $token
                    WHERE id IN ({selectIds})
                    RETURNING {SqliteRows.OutboxColumns};
                    """)
                .With("$until", EvidenceHasher.FormatTime(until)).With("$token", token).With("$kind", kind.Name)
                .With("$now", EvidenceHasher.FormatTime(now)).With("$max", max);
            if (target is not null) command = command.With("$target", target);
            return await command.ListAsync(SqliteRows.OutboxItem, cancellationToken);
        }, cancellationToken);
        // Each item gets its own claim record; they share the token of this claim call, which no other call has.
        return [.. order(items).Select(i => i with { Claim = new OutboxClaim(i.Id, token, EvidenceHasher.ParseTime(EvidenceHasher.FormatTime(until))) })];
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(OutboxClaim claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claim, "done_utc = $now, claimed_until = NULL, claim_token = NULL",
            command => command.With("$now", EvidenceHasher.FormatTime(now)), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RescheduleAsync(OutboxClaim claim, DateTimeOffset due, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateClaimedAsync(claim, "due_utc = $due, attempts = attempts + 1, last_error = $error, claimed_until = NULL, claim_token = NULL",
            command => command.With("$due", EvidenceHasher.FormatTime(due)).With("$error", error), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(OutboxClaim claim, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claim, "claimed_until = NULL, claim_token = NULL", command => command, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ExtendAsync(OutboxClaim claim, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claim, "claimed_until = $until", command => command.With("$until", EvidenceHasher.FormatTime(until)), cancellationToken);

    /// <inheritdoc />
    public Task<int> CompleteAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAllClaimedAsync(claims, "done_utc = $now, claimed_until = NULL, claim_token = NULL",
            command => command.With("$now", EvidenceHasher.FormatTime(now)), cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseAllAsync(IReadOnlyCollection<OutboxClaim> claims, CancellationToken cancellationToken) =>
        UpdateAllClaimedAsync(claims, "claimed_until = NULL, claim_token = NULL", command => command, cancellationToken);

    /// <inheritdoc />
    public Task<int> ExtendAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateAllClaimedAsync(claims, "claimed_until = $until", command => command.With("$until", EvidenceHasher.FormatTime(until)), cancellationToken);

    /// <summary><see cref="UpdateClaimedAsync"/> for several claims, in one transaction (one commit for a whole run).</summary>
    private async Task<int> UpdateAllClaimedAsync(IReadOnlyCollection<OutboxClaim> claims, string set, Func<SqliteCommand, SqliteCommand> bind,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0) return 0;
        return await WriteAsync(async (connection, transaction) =>
        {
            var changed = 0;
            foreach (var claim in claims)
            {
                changed += await bind(connection.Sql(transaction, $"""
                        UPDATE outbox SET {set}
                        WHERE id = $id AND claim_token = $token AND done_utc IS NULL;
                        """).With("$id", claim.ItemId).With("$token", claim.Token)).RunAsync(cancellationToken);
            }
            return changed;
        }, cancellationToken);
    }

    /// <summary>Runs <c>UPDATE outbox SET {set}</c> on the claimed item only while the claim's token still owns it and
    /// the item is not done; an expired lease still counts as held until someone else claims the item.</summary>
    private Task<bool> UpdateClaimedAsync(OutboxClaim claim, string set, Func<SqliteCommand, SqliteCommand> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return WriteAsync(async (connection, transaction) =>
        {
            var changed = await bind(connection.Sql(transaction, $"""
                    UPDATE outbox SET {set}
                    WHERE id = $id AND claim_token = $token AND done_utc IS NULL;
                    """).With("$id", claim.ItemId).With("$token", claim.Token)).RunAsync(cancellationToken);
            return changed == 1;
        }, cancellationToken);
    }

    /// <summary>Outbox items of a kind for a target with id greater than <paramref name="afterId"/>, oldest first, done
    /// or not, without claiming them. For tests and diagnostics; delivery goes through claims.</summary>
    public async Task<IReadOnlyList<OutboxItem>> ReadOutboxAsync(OutboxKind kind, string target, long afterId, int max,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, $"""
                SELECT {SqliteRows.OutboxColumns} FROM outbox
                WHERE kind = $kind AND target = $target AND id > $after
                ORDER BY id
                LIMIT $max;
                """)
            .With("$kind", kind.Name).With("$target", target).With("$after", afterId).With("$max", max)
            .ListAsync(SqliteRows.OutboxItem, cancellationToken);
    }
}
