using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks><paramref name="since"/> is inclusive. Equal deployment times come newest recorded first.</remarks>
    public async Task<IReadOnlyList<ChangeRecord>> ListChangesAsync(string? service, DateTimeOffset? since,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // service is declared COLLATE NOCASE, so the equality is case-insensitive and can use the index.
        return await connection.Sql(null, $"""
                SELECT {SqliteRows.ChangeColumns} FROM changes
                WHERE ($service IS NULL OR service = $service) AND ($since IS NULL OR deployed_utc >= $since)
                ORDER BY deployed_utc DESC, seq DESC;
                """)
            .With("$service", service)
            .With("$since", since is { } s ? EvidenceHasher.FormatTime(s) : null)
            .ListAsync(SqliteRows.Change, cancellationToken);
    }
}
