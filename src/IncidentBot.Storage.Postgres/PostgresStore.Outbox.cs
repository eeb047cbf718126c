using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Shared;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

/// <summary>
/// The outbox for several nodes on one database. <see cref="ClaimDueAsync"/> picks due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and leases them in the same statement under a fresh owner token, so a row another
/// node is claiming right now is skipped rather than waited for or claimed twice; a lease that ran out makes its row
/// claimable again (a dead node's work is taken over). Complete, reschedule, extend and release act only while the
/// row still carries the caller's token and is not done, as in the SQLite store.
/// </summary>
public sealed partial class PostgresStore : IOutbox
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(OutboxKind kind, DateTimeOffset now, TimeSpan lease, int max,
        CancellationToken cancellationToken)
    {
        CheckClaim(kind, lease, max);
        var (token, until) = NewClaim(now, lease);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var items = await connection.Sql(null, $"""
                UPDATE outbox SET claimed_until = @until, claim_token = @token
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE kind = @kind AND done_utc IS NULL AND due_utc <= @now
                      AND (claimed_until IS NULL OR claimed_until <= @now)
                    ORDER BY due_utc, id
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED)
                RETURNING {StoredRows.OutboxColumns};
                """)
            .With("until", EvidenceHasher.FormatTime(until)).With("token", token).With("kind", kind.Name)
            .With("now", EvidenceHasher.FormatTime(now)).With("max", max, NpgsqlDbType.Integer)
            .ListAsync(StoredRows.OutboxItem, cancellationToken);
        return Claimed(items.OrderBy(i => i.DueUtc).ThenBy(i => i.Id), token, until);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(OutboxClaim claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateOneClaimedAsync(claim, "done_utc = @now, claimed_until = NULL, claim_token = NULL",
            command => command.With("now", EvidenceHasher.FormatTime(now)), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RescheduleAsync(OutboxClaim claim, DateTimeOffset due, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateOneClaimedAsync(claim,
            "due_utc = @due, attempts = attempts + 1, last_error = @error, claimed_until = NULL, claim_token = NULL",
            command => command.With("due", EvidenceHasher.FormatTime(due)).With("error", error), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(OutboxClaim claim, CancellationToken cancellationToken) =>
        UpdateOneClaimedAsync(claim, "claimed_until = NULL, claim_token = NULL", command => command, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ExtendAsync(OutboxClaim claim, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateOneClaimedAsync(claim, "claimed_until = @until",
            command => command.With("until", EvidenceHasher.FormatTime(until)), cancellationToken);

    /// <inheritdoc />
    public Task<int> CompleteAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claims, "done_utc = @now, claimed_until = NULL, claim_token = NULL",
            command => command.With("now", EvidenceHasher.FormatTime(now)), cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseAllAsync(IReadOnlyCollection<OutboxClaim> claims, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claims, "claimed_until = NULL, claim_token = NULL", command => command, cancellationToken);

    /// <inheritdoc />
    public Task<int> ExtendAllAsync(IReadOnlyCollection<OutboxClaim> claims, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateClaimedAsync(claims, "claimed_until = @until",
            command => command.With("until", EvidenceHasher.FormatTime(until)), cancellationToken);

    private async Task<bool> UpdateOneClaimedAsync(OutboxClaim claim, string set, Func<NpgsqlCommand, NpgsqlCommand> bind,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return await UpdateClaimedAsync([claim], set, bind, cancellationToken) == 1;
    }

    /// <summary>
    /// Runs <c>UPDATE outbox SET {set}</c> on each claimed row still held by its claim's token and not done (an expired
    /// lease still counts as held until someone else claims the row), in one transaction. Rows are updated in id
    /// order, the order <see cref="ClaimStreamRunsAsync"/> locks them in, so the two never deadlock.
    /// </summary>
    private async Task<int> UpdateClaimedAsync(IReadOnlyCollection<OutboxClaim> claims, string set, Func<NpgsqlCommand, NpgsqlCommand> bind,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0) return 0;
        return await InTransactionAsync(async (connection, transaction) =>
        {
            var changed = 0;
            foreach (var claim in claims.OrderBy(c => c.ItemId))
            {
                changed += await bind(connection.Sql(transaction, $"""
                        UPDATE outbox SET {set}
                        WHERE id = @id AND claim_token = @token AND done_utc IS NULL;
                        """).With("id", claim.ItemId).With("token", claim.Token)).RunAsync(cancellationToken);
            }
            return changed;
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
                SELECT {StoredRows.OutboxColumns} FROM outbox
                WHERE kind = @kind AND target = @target AND id > @after
                ORDER BY id
                LIMIT @max;
                """)
            .With("kind", kind.Name).With("target", target).With("after", afterId).With("max", max, NpgsqlDbType.Integer)
            .ListAsync(StoredRows.OutboxItem, cancellationToken);
    }

    private static void CheckClaim(OutboxKind kind, TimeSpan lease, int max)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);
    }

    /// <summary>A fresh owner token and the lease's end, rounded through the stored text form so the claim handed out
    /// equals what the row holds.</summary>
    private static (string Token, DateTimeOffset Until) NewClaim(DateTimeOffset now, TimeSpan lease) =>
        (Guid.NewGuid().ToString("N"), EvidenceHasher.ParseTime(EvidenceHasher.FormatTime(now + lease)));

    private static List<OutboxItem> Claimed(IEnumerable<OutboxItem> items, string token, DateTimeOffset until) =>
        [.. items.Select(i => i with { Claim = new OutboxClaim(i.Id, token, until) })];

    /// <summary>Runs <paramref name="work"/> in a READ COMMITTED transaction and commits it; PostgreSQL failures become
    /// <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(e);
        }
    }
}
