using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Storage.Shared;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>A row whose keyed checksum does not match its content comes back with <see cref="IncidentSummary.Attested"/> false.</remarks>
    public async Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, $"""
                SELECT {StoredRows.IncidentColumns}, mac FROM incidents
                WHERE @all OR state NOT IN (@closed, @cancelled)
                ORDER BY number DESC;
                """)
            .With("all", includeClosed)
            .With("closed", nameof(IncidentState.Closed)).With("cancelled", nameof(IncidentState.Cancelled))
            .ListAsync(AttestedIncident, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // id is declared COLLATE incidentbot_nocase: "inc-7" finds INC-7, as in SQLite.
        var rows = await connection.Sql(null, $"SELECT {StoredRows.IncidentColumns}, mac FROM incidents WHERE id = @id;")
            .With("id", incidentId.Trim())
            .ListAsync(AttestedIncident, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<string?> GetRunbookTextAsync(string contentHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, "SELECT source_text FROM runbook_versions WHERE content_hash = @hash;")
            .With("hash", contentHash)
            .ScalarAsync<string>(cancellationToken);
    }

    /// <summary>Maps a row selected as <c>{IncidentColumns}, mac</c>, attesting it.</summary>
    private IncidentSummary AttestedIncident(NpgsqlDataReader r) =>
        IncidentRowMac.Attest(SigningKey(), StoredRows.Incident(r), r.IsDBNull(15) ? null : r.GetString(15));
}
