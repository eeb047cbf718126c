using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<DateTimeOffset?> OldestOverdueSinceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var since = await connection.Sql(null, """
                SELECT MIN(CASE WHEN attempts = 0 THEN due_utc ELSE created_utc END) FROM outbox
                WHERE done_utc IS NULL AND (due_utc <= @now OR (attempts > 0 AND due_utc < @parked));
                """)
            .With("now", EvidenceHasher.FormatTime(now)).With("parked", EvidenceHasher.FormatTime(OutboxParking.Due))
            .ScalarAsync<string>(cancellationToken);
        return since is null ? null : EvidenceHasher.ParseTime(since);
    }
}
