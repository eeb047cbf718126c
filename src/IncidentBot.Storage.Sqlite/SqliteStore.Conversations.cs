using System.Text.Json;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore : IConversationReadModel
{
    /// <summary>Inside an append: remembers the place, and on an incident stream binds its key to the incident
    /// (replacing an earlier binding of that key, so a channel finds the incident last declared there).</summary>
    private static async Task BindConversationAsync(SqliteConnection connection, SqliteTransaction transaction, string stream,
        ConversationReference conversation, string now, CancellationToken cancellationToken)
    {
        var place = conversation.WithoutThread();
        await connection.Sql(transaction, """
            INSERT INTO known_conversations (surface, channel, reference, seen_utc) VALUES ($surface, $channel, $reference, $now)
            ON CONFLICT (surface, channel) DO UPDATE SET
                reference = CASE WHEN json_extract(excluded.reference, '$.serviceUrl') IS NULL
                                  AND json_extract(known_conversations.reference, '$.serviceUrl') IS NOT NULL
                                 THEN known_conversations.reference ELSE excluded.reference END,
                seen_utc = excluded.seen_utc;
            """)
            .With("$surface", place.Surface).With("$channel", place.Channel)
            .With("$reference", JsonSerializer.Serialize(place, EventCodec.Options)).With("$now", now)
            .RunAsync(cancellationToken);
        if (!TryParseIncidentNumber(stream, out _)) return;
        await connection.Sql(transaction, """
            INSERT INTO conversations (surface, conversation_key, incident_id, reference)
            SELECT $surface, $key, id, $reference FROM incidents WHERE id = $incident
            ON CONFLICT (surface, conversation_key) DO UPDATE SET incident_id = excluded.incident_id, reference = excluded.reference;
            """)
            .With("$surface", conversation.Surface).With("$key", conversation.Key).With("$incident", stream)
            .With("$reference", JsonSerializer.Serialize(conversation, EventCodec.Options))
            .RunAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey, CancellationToken cancellationToken)
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
    public async Task<IReadOnlyList<ConversationReference>> ConversationsOfAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.Sql(null,
                "SELECT surface, conversation_key, reference FROM conversations WHERE incident_id = $id COLLATE NOCASE ORDER BY rowid;")
            .With("$id", incidentId)
            .ListAsync(r => r.IsDBNull(2) ? ConversationReference.FromKey(r.GetString(0), r.GetString(1)) : Parse(r.GetString(2)), cancellationToken);
        return ConversationPlaces.OnePerPlace(rows);
    }

    /// <inheritdoc />
    public async Task<ConversationReference?> FindKnownConversationAsync(string surface, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var json = await connection.Sql(null, "SELECT reference FROM known_conversations WHERE surface = $surface AND channel = $channel;")
            .With("$surface", surface).With("$channel", channel)
            .ScalarAsync<string>(cancellationToken);
        return json is null ? null : Parse(json);
    }

    private static ConversationReference Parse(string json) =>
        JsonSerializer.Deserialize<ConversationReference>(json, EventCodec.Options) ?? throw new JsonException("An empty conversation reference.");
}
