using System.Data;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Storage.Shared;

/// <summary>
/// The row layout every evidence store shares (SQLite and PostgreSQL have the same tables and column names): column
/// lists and the mappers of rows selected with them, side by side so a select and its mapper cannot drift apart.
/// Times are stored as <see cref="EvidenceHasher.FormatTime"/> text, so stored events re-hash byte for byte.
/// </summary>
public static class StoredRows
{
    /// <summary>Columns of <c>events</c> that <see cref="Event"/> maps, in order.</summary>
    public const string EventColumns =
        "stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version, prev_hash, hash";

    /// <summary>Columns of <c>incidents</c> that <see cref="Incident"/> maps, in order (the row checksum not included).</summary>
    public const string IncidentColumns =
        "id, number, title, state, severity, service, runbook_id, runbook_version, runbook_hash, commander, version, " +
        "last_seq, declared_utc, updated_utc, drill";

    /// <summary>Columns of <c>changes</c> that <see cref="Change"/> maps, in order.</summary>
    public const string ChangeColumns = "seq, service, layer, version, deployed_by, deployed_utc, approved, note";

    /// <summary>Columns of <c>checkpoints</c> that <see cref="Checkpoint"/> maps, in order ("full" quoted: a keyword in PostgreSQL).</summary>
    public const string CheckpointColumns =
        "number, created_utc, \"full\", heads, deliveries, incidents, incident_counter, runbooks, key_id, prev_hash, hash, signature";

    /// <summary>Maps a row selected with <see cref="EventColumns"/>.</summary>
    public static EvidenceEvent Event(IDataRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new EvidenceEvent(
            Stream: r.GetString(0),
            Seq: r.GetInt64(1),
            EventId: r.GetString(2),
            Type: r.GetString(3),
            Actor: r.GetString(4),
            Surface: r.GetString(5),
            OccurredUtc: EvidenceHasher.ParseTime(r.GetString(6)),
            PayloadJson: r.GetString(7),
            RunbookVersion: r.IsDBNull(8) ? null : r.GetString(8),
            PrevHash: r.GetString(9),
            Hash: r.GetString(10));
    }

    /// <summary>Maps a row selected with <see cref="IncidentColumns"/> (attested; see <see cref="IncidentRowMac.Attest"/>).</summary>
    public static IncidentSummary Incident(IDataRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new IncidentSummary(
            Id: r.GetString(0),
            Number: r.GetInt32(1),
            Title: r.GetString(2),
            State: Enum.Parse<IncidentState>(r.GetString(3)),
            Severity: r.IsDBNull(4) ? null : (Severity)r.GetInt32(4),
            Service: r.GetString(5),
            RunbookId: r.GetString(6),
            RunbookVersion: r.GetString(7),
            RunbookHash: r.GetString(8),
            Commander: r.GetString(9),
            Version: r.GetInt32(10),
            LastSeq: r.GetInt64(11),
            DeclaredUtc: EvidenceHasher.ParseTime(r.GetString(12)),
            UpdatedUtc: EvidenceHasher.ParseTime(r.GetString(13)))
        {
            // A boolean in PostgreSQL, 0 or 1 in SQLite.
            Drill = r.GetValue(14) is bool drill ? drill : r.GetInt64(14) != 0,
        };
    }

    /// <summary>Columns of <c>outbox</c> that <see cref="OutboxItem"/> maps, in order (the claim columns not included).</summary>
    public const string OutboxColumns =
        "id, stream, kind, target, payload, created_utc, due_utc, attempts, done_utc, last_error, trace_parent";

    /// <summary>Maps a row selected with <see cref="OutboxColumns"/>, without its claim.</summary>
    public static OutboxItem OutboxItem(IDataRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new OutboxItem(
            Id: r.GetInt64(0),
            Stream: r.GetString(1),
            Kind: OutboxKind.Parse(r.GetString(2)),
            Target: r.GetString(3),
            PayloadJson: r.GetString(4),
            CreatedUtc: EvidenceHasher.ParseTime(r.GetString(5)),
            DueUtc: EvidenceHasher.ParseTime(r.GetString(6)),
            Attempts: r.GetInt32(7),
            DoneUtc: r.IsDBNull(8) ? null : EvidenceHasher.ParseTime(r.GetString(8)),
            LastError: r.IsDBNull(9) ? null : r.GetString(9),
            TraceParent: r.IsDBNull(10) ? null : r.GetString(10));
    }

    /// <summary>Maps a row selected with <see cref="ChangeColumns"/>.</summary>
    public static ChangeRecord Change(IDataRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ChangeRecord(
            Service: r.GetString(1),
            Layer: r.GetString(2),
            Version: r.GetString(3),
            DeployedBy: r.GetString(4),
            DeployedUtc: EvidenceHasher.ParseTime(r.GetString(5)),
            Approved: r.GetValue(6) is bool approved ? approved : r.GetInt64(6) != 0,
            Note: r.GetString(7),
            Seq: r.GetInt64(0));
    }

    /// <summary>Maps a row selected with <see cref="CheckpointColumns"/>. "full" is a boolean, or (SQLite) exactly 1 for true.</summary>
    public static Checkpoint Checkpoint(IDataRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new Checkpoint(
            r.GetInt64(0), r.GetString(1), r.GetValue(2) is bool full ? full : r.GetInt64(2) == 1,
            CheckpointHasher.ParseHeads(r.GetString(3)),
            new CheckpointCounts(r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)),
            r.GetString(9), r.GetString(8), r.GetString(10), r.GetString(11));
    }
}
