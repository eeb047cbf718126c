using IncidentBot.Core.Incidents;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>A row whose keyed checksum does not match its content comes back with <see cref="IncidentSummary.Attested"/> false.</remarks>
    public async Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, $"""
                SELECT {SqliteRows.IncidentColumns}, mac FROM incidents
                WHERE $all = 1 OR state NOT IN ($closed, $cancelled)
                ORDER BY number DESC;
                """)
            .With("$all", includeClosed ? 1 : 0)
            .With("$closed", nameof(IncidentState.Closed)).With("$cancelled", nameof(IncidentState.Cancelled))
            .ListAsync(AttestedIncident, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.Sql(null, $"SELECT {SqliteRows.IncidentColumns}, mac FROM incidents WHERE id = $id;")
            .With("$id", incidentId.Trim())
            .ListAsync(AttestedIncident, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Maps a row selected as <c>{IncidentColumns}, mac</c>, attesting it.</summary>
    private IncidentSummary AttestedIncident(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        Attest(SqliteRows.Incident(r), r.IsDBNull(15) ? null : r.GetString(15));

    /// <inheritdoc />
    public async Task<string?> GetRunbookTextAsync(string contentHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, "SELECT source_text FROM runbook_versions WHERE content_hash = $hash;")
            .With("$hash", contentHash)
            .ScalarAsync<string>(cancellationToken);
    }
}
