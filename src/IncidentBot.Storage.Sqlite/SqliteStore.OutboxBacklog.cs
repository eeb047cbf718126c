using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxBacklog>> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, """
                SELECT kind, COUNT(*), MIN(CASE WHEN attempts = 0 THEN due_utc ELSE created_utc END) FROM outbox
                WHERE done_utc IS NULL AND (due_utc <= $now OR (attempts > 0 AND due_utc < $parked))
                GROUP BY kind ORDER BY kind;
                """)
            .With("$now", EvidenceHasher.FormatTime(now)).With("$parked", EvidenceHasher.FormatTime(OutboxParking.Due))
            .ListAsync(r => new OutboxBacklog(r.GetString(0), (int)r.GetInt64(1), EvidenceHasher.ParseTime(r.GetString(2))), cancellationToken);
    }
}
