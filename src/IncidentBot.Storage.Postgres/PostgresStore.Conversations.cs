using System.Text.Json;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Storage.Shared;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore : IConversationReadModel
{
    /// <inheritdoc />
    public async Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(conversationKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.Sql(null,
                "SELECT incident_id FROM conversations WHERE surface = @surface AND conversation_key = @key;")
            .With("surface", surface).With("key", conversationKey)
            .ScalarAsync<string>(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>incident_id is declared COLLATE incidentbot_nocase: "inc-7" finds INC-7's conversations, as in SQLite.</remarks>
    public async Task<IReadOnlyList<ConversationReference>> ConversationsOfAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.Sql(null,
                "SELECT surface, conversation_key, reference FROM conversations WHERE incident_id = @id ORDER BY bound;")
            .With("id", incidentId)
            .ListAsync(r => r.IsDBNull(2) ? ConversationReference.FromKey(r.GetString(0), r.GetString(1)) : ParseConversation(r.GetString(2)),
                cancellationToken);
        return ConversationPlaces.OnePerPlace(rows);
    }

    /// <inheritdoc />
    public async Task<ConversationReference?> FindKnownConversationAsync(string surface, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var json = await connection.Sql(null, "SELECT reference FROM known_conversations WHERE surface = @surface AND channel = @channel;")
            .With("surface", surface).With("channel", channel)
            .ScalarAsync<string>(cancellationToken);
        return json is null ? null : ParseConversation(json);
    }

    private static ConversationReference ParseConversation(string json) =>
        JsonSerializer.Deserialize<ConversationReference>(json, EventCodec.Options) ?? throw new JsonException("An empty conversation reference.");
}
