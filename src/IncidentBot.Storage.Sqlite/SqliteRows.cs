using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

/// <summary>Column lists and row mappers, kept side by side so a select and its mapper cannot drift apart.</summary>
internal static class SqliteRows
{
    public const string EventColumns =
        "stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version, prev_hash, hash";

    public const string IncidentColumns =
        "id, number, title, state, severity, service, runbook_id, runbook_version, runbook_hash, commander, version, " +
        "last_seq, declared_utc, updated_utc";

    public const string ChangeColumns = "seq, service, layer, version, deployed_by, deployed_utc, approved, note";

    public const string OutboxColumns =
        "id, stream, kind, target, payload, created_utc, due_utc, attempts, done_utc, last_error";

    public static EvidenceEvent Event(SqliteDataReader r) => new(
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

    public static IncidentSummary Incident(SqliteDataReader r) => new(
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
        UpdatedUtc: EvidenceHasher.ParseTime(r.GetString(13)));

    public static ChangeRecord Change(SqliteDataReader r) => new(
        Service: r.GetString(1),
        Layer: r.GetString(2),
        Version: r.GetString(3),
        DeployedBy: r.GetString(4),
        DeployedUtc: EvidenceHasher.ParseTime(r.GetString(5)),
        Approved: r.GetInt64(6) != 0,
        Note: r.GetString(7),
        Seq: r.GetInt64(0));

    public static OutboxItem OutboxItem(SqliteDataReader r) => new(
        Id: r.GetInt64(0),
        Stream: r.GetString(1),
        Kind: Core.Outbox.OutboxKind.Parse(r.GetString(2)),
        Target: r.GetString(3),
        PayloadJson: r.GetString(4),
        CreatedUtc: EvidenceHasher.ParseTime(r.GetString(5)),
        DueUtc: EvidenceHasher.ParseTime(r.GetString(6)),
        Attempts: r.GetInt32(7),
        DoneUtc: r.IsDBNull(8) ? null : EvidenceHasher.ParseTime(r.GetString(8)),
        LastError: r.IsDBNull(9) ? null : r.GetString(9));
}
