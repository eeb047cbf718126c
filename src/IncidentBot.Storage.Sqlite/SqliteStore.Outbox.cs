using IncidentBot.Core.Evidence;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string kind, DateTimeOffset now, TimeSpan lease, int max,
        CancellationToken cancellationToken) =>
        ClaimAsync("""
            SELECT id FROM outbox
            WHERE kind = $kind AND done_utc IS NULL AND due_utc <= $now
              AND (claimed_until IS NULL OR claimed_until <= $now)
            ORDER BY due_utc, id
            LIMIT $max
            """, kind, null, now, lease, max, items => items.OrderBy(i => i.DueUtc).ThenBy(i => i.Id), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await connection.Sql(transaction, "UPDATE outbox SET claimed_until = NULL WHERE done_utc IS NULL AND claimed_until IS NOT NULL;")
                .RunAsync(cancellationToken);
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxItem>> ClaimStreamHeadsAsync(string kind, string target, DateTimeOffset now, TimeSpan lease,
        int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ClaimAsync("""
            SELECT o.id FROM outbox o
            WHERE o.kind = $kind AND o.target = $target AND o.done_utc IS NULL AND o.due_utc <= $now
              AND (o.claimed_until IS NULL OR o.claimed_until <= $now)
              AND o.id = (SELECT MIN(p.id) FROM outbox p
                          WHERE p.stream = o.stream AND p.kind = o.kind AND p.target = o.target AND p.done_utc IS NULL)
            ORDER BY o.id
            LIMIT $max
            """, kind, target, now, lease, max, items => items.OrderBy(i => i.Id), cancellationToken);
    }

    /// <summary>Leases the items <paramref name="selectIds"/> picks (in one write transaction) and returns them in
    /// <paramref name="order"/>, since RETURNING gives no order guarantee.</summary>
    private async Task<IReadOnlyList<OutboxItem>> ClaimAsync(string selectIds, string kind, string? target, DateTimeOffset now,
        TimeSpan lease, int max, Func<IEnumerable<OutboxItem>, IEnumerable<OutboxItem>> order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
        var items = await WriteAsync(async (connection, transaction) =>
        {
            var command = connection.Sql(transaction, $"""
                    UPDATE outbox SET claimed_until = $until
                    WHERE id IN ({selectIds})
                    RETURNING {SqliteRows.OutboxColumns};
                    """)
                .With("$until", EvidenceHasher.FormatTime(now + lease)).With("$kind", kind)
                .With("$now", EvidenceHasher.FormatTime(now)).With("$max", max);
            if (target is not null) command = command.With("$target", target);
            var claimed = await command.ListAsync(SqliteRows.OutboxItem, cancellationToken);
            transaction.Commit();
            return claimed;
        }, cancellationToken);
        return [.. order(items)];
    }

    /// <inheritdoc />
    /// <remarks>Completing twice keeps the first completion time. Throws <see cref="KeyNotFoundException"/> for an unknown id.</remarks>
    public Task CompleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateOutboxItemAsync(id, """
            UPDATE outbox SET done_utc = COALESCE(done_utc, $now), claimed_until = NULL WHERE id = $id;
            """, command => command.With("$now", EvidenceHasher.FormatTime(now)), cancellationToken);

    /// <inheritdoc />
    /// <remarks>A completed item stays completed. Throws <see cref="KeyNotFoundException"/> for an unknown id.</remarks>
    public Task RescheduleAsync(long id, DateTimeOffset due, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateOutboxItemAsync(id, """
            UPDATE outbox SET due_utc = $due, attempts = attempts + 1, last_error = $error, claimed_until = NULL
            WHERE id = $id AND done_utc IS NULL;
            """, command => command.With("$due", EvidenceHasher.FormatTime(due)).With("$error", error),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxItem>> ReadAfterAsync(string kind, string target, long afterId, int max,
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
            .With("$kind", kind).With("$target", target).With("$after", afterId).With("$max", max)
            .ListAsync(SqliteRows.OutboxItem, cancellationToken);
    }

    private async Task UpdateOutboxItemAsync(long id, string sql, Func<SqliteCommand, SqliteCommand> bind,
        CancellationToken cancellationToken)
    {
        var known = await WriteAsync(async (connection, transaction) =>
        {
            var changed = await bind(connection.Sql(transaction, sql).With("$id", id)).RunAsync(cancellationToken);
            var exists = changed > 0 || await connection.Sql(transaction, "SELECT EXISTS (SELECT 1 FROM outbox WHERE id = $id);")
                .With("$id", id).ScalarAsync<long>(cancellationToken) == 1;
            transaction.Commit();
            return exists;
        }, cancellationToken);
        if (!known) throw new KeyNotFoundException($"Outbox item {id} does not exist.");
    }
}
