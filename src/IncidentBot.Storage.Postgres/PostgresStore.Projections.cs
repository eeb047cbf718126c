using System.Text.Json;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Shared;
using Npgsql;
using NpgsqlTypes;

namespace IncidentBot.Storage.Postgres;

public sealed partial class PostgresStore
{
    private Task<int> UpsertIncidentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IncidentSummary incident, CancellationToken cancellationToken) =>
        connection.Sql(transaction, $"""
            INSERT INTO incidents ({StoredRows.IncidentColumns}, mac)
            VALUES (@id, @number, @title, @state, @severity, @service, @runbookId, @runbookVersion, @runbookHash,
                    @commander, @version, @lastSeq, @declared, @updated, @drill, @mac)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, state = excluded.state, severity = excluded.severity,
                service = excluded.service, runbook_id = excluded.runbook_id,
                runbook_version = excluded.runbook_version, runbook_hash = excluded.runbook_hash,
                commander = excluded.commander, version = excluded.version, last_seq = excluded.last_seq,
                declared_utc = excluded.declared_utc, updated_utc = excluded.updated_utc, drill = excluded.drill,
                mac = excluded.mac;
            """)
            .With("id", incident.Id).With("number", incident.Number).With("title", incident.Title)
            .With("state", incident.State.ToString())
            .With("severity", incident.Severity is { } severity ? (int)severity : null, NpgsqlDbType.Integer)
            .With("service", incident.Service).With("runbookId", incident.RunbookId)
            .With("runbookVersion", incident.RunbookVersion).With("runbookHash", incident.RunbookHash)
            .With("commander", incident.Commander).With("version", incident.Version)
            .With("lastSeq", incident.LastSeq)
            .With("declared", EvidenceHasher.FormatTime(incident.DeclaredUtc))
            .With("updated", EvidenceHasher.FormatTime(incident.UpdatedUtc))
            .With("drill", incident.Drill)
            .With("mac", IncidentRowMac.Compute(SigningKey(), incident))
            .RunAsync(cancellationToken);

    private static Task<int> InsertChangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        ChangeRecord change, long seq, CancellationToken cancellationToken) =>
        connection.Sql(transaction, $"""
            INSERT INTO changes ({StoredRows.ChangeColumns})
            VALUES (@seq, @service, @layer, @version, @by, @at, @approved, @note);
            """)
            .With("seq", seq).With("service", change.Service).With("layer", change.Layer)
            .With("version", change.Version).With("by", change.DeployedBy)
            .With("at", EvidenceHasher.FormatTime(change.DeployedUtc)).With("approved", change.Approved)
            .With("note", change.Note)
            .RunAsync(cancellationToken);

    private static Task<int> InsertOutboxAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string stream, OutboxDraft draft, string now, CancellationToken cancellationToken) =>
        connection.Sql(transaction, """
            INSERT INTO outbox (stream, kind, target, payload, created_utc, due_utc, attempts, trace_parent)
            VALUES (@stream, @kind, @target, @payload, @now, @due, 0, @trace);
            """)
            .With("stream", stream).With("kind", draft.Kind.Name).With("target", draft.Target)
            .With("payload", draft.PayloadJson).With("now", now)
            .With("due", draft.DueUtc is { } due ? EvidenceHasher.FormatTime(due) : now)
            .With("trace", draft.TraceParent)
            .RunAsync(cancellationToken);

    private static Task<int> InsertRunbookAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        RunbookSnapshot runbook, CancellationToken cancellationToken) =>
        connection.Sql(transaction, """
            INSERT INTO runbook_versions (content_hash, runbook_id, source_text) VALUES (@hash, @id, @text)
            ON CONFLICT (content_hash) DO NOTHING;
            """)
            .With("hash", runbook.ContentHash).With("id", runbook.RunbookId).With("text", runbook.SourceText)
            .RunAsync(cancellationToken);

    /// <summary>Inside an append: remembers the place, and on an incident stream binds its key to the incident
    /// (replacing an earlier binding of that key), exactly as the SQLite store does.</summary>
    private static async Task BindConversationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string stream, ConversationReference conversation, string now, CancellationToken cancellationToken)
    {
        var place = conversation.WithoutThread();
        // A reference without a service URL never replaces one that has it (Teams needs it to answer there).
        await connection.Sql(transaction, """
            INSERT INTO known_conversations (surface, channel, reference, seen_utc) VALUES (@surface, @channel, @reference, @now)
            ON CONFLICT (surface, channel) DO UPDATE SET
                reference = CASE WHEN excluded.reference::jsonb ->> 'serviceUrl' IS NULL
                                  AND known_conversations.reference::jsonb ->> 'serviceUrl' IS NOT NULL
                                 THEN known_conversations.reference ELSE excluded.reference END,
                seen_utc = excluded.seen_utc;
            """)
            .With("surface", place.Surface).With("channel", place.Channel)
            .With("reference", JsonSerializer.Serialize(place, EventCodec.Options)).With("now", now)
            .RunAsync(cancellationToken);
        if (!AppendValidation.TryParseIncidentNumber(stream, out _)) return;
        await connection.Sql(transaction, """
            INSERT INTO conversations (surface, conversation_key, incident_id, reference)
            SELECT @surface, @key, id, @reference FROM incidents WHERE id = @incident
            ON CONFLICT (surface, conversation_key) DO UPDATE SET incident_id = excluded.incident_id, reference = excluded.reference;
            """)
            .With("surface", conversation.Surface).With("key", conversation.Key).With("incident", stream)
            .With("reference", JsonSerializer.Serialize(conversation, EventCodec.Options))
            .RunAsync(cancellationToken);
    }
}
