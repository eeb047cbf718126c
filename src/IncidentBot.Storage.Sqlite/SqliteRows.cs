using IncidentBot.Storage.Shared;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

/// <summary>Column lists and row mappers, kept side by side so a select and its mapper cannot drift apart; those of
/// the evidence tables are <see cref="StoredRows"/>, shared with the PostgreSQL store.</summary>
internal static class SqliteRows
{
    public const string EventColumns = StoredRows.EventColumns;

    public const string IncidentColumns = StoredRows.IncidentColumns;

    public const string ChangeColumns = StoredRows.ChangeColumns;

    public const string OutboxColumns =
        "id, stream, kind, target, payload, created_utc, due_utc, attempts, done_utc, last_error";

    public static EvidenceEvent Event(SqliteDataReader r) => StoredRows.Event(r);

    public static IncidentSummary Incident(SqliteDataReader r) => StoredRows.Incident(r);

    public static ChangeRecord Change(SqliteDataReader r) => StoredRows.Change(r);

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
