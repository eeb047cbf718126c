using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Shared;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks><paramref name="since"/> is inclusive. Equal deployment times come newest recorded first.</remarks>
    public async Task<IReadOnlyList<ChangeRecord>> ListChangesAsync(string? service, DateTimeOffset? since,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // service is declared COLLATE incidentbot_nocase, so the equality is case-insensitive; deployed_utc is
        // fixed-width UTC text under COLLATE "C", so text order is time order.
        return await connection.Sql(null, $"""
                SELECT {StoredRows.ChangeColumns} FROM changes
                WHERE (@service IS NULL OR service = @service) AND (@since IS NULL OR deployed_utc >= @since)
                ORDER BY deployed_utc DESC, seq DESC;
                """)
            .With("service", service)
            .With("since", since is { } s ? EvidenceHasher.FormatTime(s) : null)
            .ListAsync(StoredRows.Change, cancellationToken);
    }
}
