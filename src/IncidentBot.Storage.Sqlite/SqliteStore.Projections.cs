using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private Task<int> UpsertIncidentAsync(SqliteConnection connection, SqliteTransaction transaction,
        IncidentSummary incident, CancellationToken cancellationToken) =>
        connection.Sql(transaction, $"""
            INSERT INTO incidents ({SqliteRows.IncidentColumns}, mac)
            VALUES ($id, $number, $title, $state, $severity, $service, $runbookId, $runbookVersion, $runbookHash,
                    $commander, $version, $lastSeq, $declared, $updated, $drill, $mac)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, state = excluded.state, severity = excluded.severity,
                service = excluded.service, runbook_id = excluded.runbook_id,
                runbook_version = excluded.runbook_version, runbook_hash = excluded.runbook_hash,
                commander = excluded.commander, version = excluded.version, last_seq = excluded.last_seq,
                declared_utc = excluded.declared_utc, updated_utc = excluded.updated_utc, drill = excluded.drill,
                mac = excluded.mac;
            """)
            .With("$id", incident.Id).With("$number", incident.Number).With("$title", incident.Title)
            .With("$state", incident.State.ToString())
            .With("$severity", incident.Severity is { } severity ? (int)severity : null)
            .With("$service", incident.Service).With("$runbookId", incident.RunbookId)
            .With("$runbookVersion", incident.RunbookVersion).With("$runbookHash", incident.RunbookHash)
            .With("$commander", incident.Commander).With("$version", incident.Version)
            .With("$lastSeq", incident.LastSeq)
            .With("$declared", EvidenceHasher.FormatTime(incident.DeclaredUtc))
            .With("$updated", EvidenceHasher.FormatTime(incident.UpdatedUtc))
            .With("$drill", incident.Drill ? 1 : 0)
            .With("$mac", IncidentMac(incident))
            .RunAsync(cancellationToken);

    private static Task<int> InsertChangeAsync(SqliteConnection connection, SqliteTransaction transaction,
        ChangeRecord change, long seq, CancellationToken cancellationToken) =>
        connection.Sql(transaction, $"""
            INSERT INTO changes ({SqliteRows.ChangeColumns})
            VALUES ($seq, $service, $layer, $version, $by, $at, $approved, $note);
            """)
            .With("$seq", seq).With("$service", change.Service).With("$layer", change.Layer)
            .With("$version", change.Version).With("$by", change.DeployedBy)
            .With("$at", EvidenceHasher.FormatTime(change.DeployedUtc)).With("$approved", change.Approved ? 1 : 0)
            .With("$note", change.Note)
            .RunAsync(cancellationToken);

    private static Task<int> InsertOutboxAsync(SqliteConnection connection, SqliteTransaction transaction,
        string stream, OutboxDraft draft, string now, CancellationToken cancellationToken) =>
        connection.Sql(transaction, """
            INSERT INTO outbox (stream, kind, target, payload, created_utc, due_utc, attempts, trace_parent)
            VALUES ($stream, $kind, $target, $payload, $now, $due, 0, $trace);
            """)
            .With("$stream", stream).With("$kind", draft.Kind.Name).With("$target", draft.Target)
            .With("$payload", draft.PayloadJson).With("$now", now)
            .With("$due", draft.DueUtc is { } due ? EvidenceHasher.FormatTime(due) : now)
            .With("$trace", draft.TraceParent)
            .RunAsync(cancellationToken);

    private static Task<int> InsertRunbookAsync(SqliteConnection connection, SqliteTransaction transaction,
        RunbookSnapshot runbook, CancellationToken cancellationToken) =>
        connection.Sql(transaction, """
            INSERT INTO runbook_versions (content_hash, runbook_id, source_text) VALUES ($hash, $id, $text)
            ON CONFLICT (content_hash) DO NOTHING;
            """)
            .With("$hash", runbook.ContentHash).With("$id", runbook.RunbookId).With("$text", runbook.SourceText)
            .RunAsync(cancellationToken);
}
