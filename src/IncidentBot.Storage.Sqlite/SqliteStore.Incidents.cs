using IncidentBot.Core.Incidents;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null, $"""
                SELECT {SqliteRows.IncidentColumns} FROM incidents
                WHERE $all = 1 OR state NOT IN ($closed, $cancelled)
                ORDER BY number DESC;
                """)
            .With("$all", includeClosed ? 1 : 0)
            .With("$closed", nameof(IncidentState.Closed)).With("$cancelled", nameof(IncidentState.Cancelled))
            .ListAsync(SqliteRows.Incident, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.Sql(null, $"SELECT {SqliteRows.IncidentColumns} FROM incidents WHERE id = $id;")
            .With("$id", incidentId.Trim())
            .ListAsync(SqliteRows.Incident, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Stores the incident id in its canonical spelling. Binding again replaces the earlier binding of that
    /// conversation. Throws <see cref="InvalidOperationException"/> when the incident is not in the projection.
    /// </remarks>
    public async Task BindConversationAsync(string surface, string conversationKey, string incidentId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(conversationKey);
        ArgumentNullException.ThrowIfNull(incidentId);
        var bound = await WriteAsync(async (connection, transaction) =>
        {
            // The WHERE clause is also what keeps SQLite's parser from reading ON CONFLICT as a join constraint.
            var changed = await connection.Sql(transaction, """
                    INSERT INTO conversations (surface, conversation_key, incident_id)
                    SELECT $surface, $key, id FROM incidents WHERE id = $incident
                    ON CONFLICT (surface, conversation_key) DO UPDATE SET incident_id = excluded.incident_id;
                    """)
                .With("$surface", surface).With("$key", conversationKey).With("$incident", incidentId.Trim())
                .RunAsync(cancellationToken);
            transaction.Commit();
            return changed == 1;
        }, cancellationToken);
        if (!bound)
            throw new InvalidOperationException($"Cannot bind a conversation to {incidentId}: no such incident.");
    }

    /// <inheritdoc />
    public async Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(conversationKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                "SELECT incident_id FROM conversations WHERE surface = $surface AND conversation_key = $key;")
            .With("$surface", surface).With("$key", conversationKey)
            .ScalarAsync<string>(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Surface, string ConversationKey)>> ConversationsOfAsync(string incidentId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                "SELECT surface, conversation_key FROM conversations WHERE incident_id = $id COLLATE NOCASE ORDER BY rowid;")
            .With("$id", incidentId)
            .ListAsync(r => (r.GetString(0), r.GetString(1)), cancellationToken);
    }

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
