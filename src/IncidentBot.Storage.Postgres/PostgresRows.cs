using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using Npgsql;

namespace IncidentBot.Storage.Postgres;

/// <summary>Column lists and row mappers, kept side by side so a select and its mapper cannot drift apart. The
/// columns are the SQLite store's; times are stored as <see cref="EvidenceHasher.FormatTime"/> text in both.</summary>
internal static class PostgresRows
{
    public const string EventColumns =
        "stream, seq, event_id, type, actor, surface, occurred_utc, payload, runbook_version, prev_hash, hash";

    public const string IncidentColumns =
        "id, number, title, state, severity, service, runbook_id, runbook_version, runbook_hash, commander, version, " +
        "last_seq, declared_utc, updated_utc";

    public const string ChangeColumns = "seq, service, layer, version, deployed_by, deployed_utc, approved, note";

    // "full" is a keyword in PostgreSQL.
    public const string CheckpointColumns =
        "number, created_utc, \"full\", heads, deliveries, incidents, incident_counter, runbooks, key_id, prev_hash, hash, signature";

    public static EvidenceEvent Event(NpgsqlDataReader r) => new(
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

    public static IncidentSummary Incident(NpgsqlDataReader r) => new(
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

    public static ChangeRecord Change(NpgsqlDataReader r) => new(
        Service: r.GetString(1),
        Layer: r.GetString(2),
        Version: r.GetString(3),
        DeployedBy: r.GetString(4),
        DeployedUtc: EvidenceHasher.ParseTime(r.GetString(5)),
        Approved: r.GetBoolean(6),
        Note: r.GetString(7),
        Seq: r.GetInt64(0));

    public static Checkpoint Checkpoint(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetBoolean(2), CheckpointHasher.ParseHeads(r.GetString(3)),
        new CheckpointCounts(r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)),
        r.GetString(9), r.GetString(8), r.GetString(10), r.GetString(11));
}
