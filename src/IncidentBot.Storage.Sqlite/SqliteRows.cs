using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Outbox;
using IncidentBot.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

/// <summary>Column lists and row mappers, kept side by side so a select and its mapper cannot drift apart; those of
/// the evidence tables are <see cref="StoredRows"/>, shared with the PostgreSQL store.</summary>
internal static class SqliteRows
{
    public const string EventColumns = StoredRows.EventColumns;

    public const string IncidentColumns = StoredRows.IncidentColumns;

    public const string ChangeColumns = StoredRows.ChangeColumns;

    public const string OutboxColumns = StoredRows.OutboxColumns;

    public static EvidenceEvent Event(SqliteDataReader r) => StoredRows.Event(r);

    public static IncidentSummary Incident(SqliteDataReader r) => StoredRows.Incident(r);

    public static ChangeRecord Change(SqliteDataReader r) => StoredRows.Change(r);

    public static OutboxItem OutboxItem(SqliteDataReader r) => StoredRows.OutboxItem(r);
}
