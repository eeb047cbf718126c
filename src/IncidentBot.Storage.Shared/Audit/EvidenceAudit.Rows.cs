using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Storage.Shared.Audit;

public sealed partial class EvidenceAudit
{
    /// <summary>Counts against the latest checkpoint, then every row that must agree with the events.</summary>
    private async Task<string?> CheckRowsAsync(Checkpoint? latest, CancellationToken ct)
    {
        if (latest is not null && await CheckCountsAsync(latest, ct) is { } counts) return counts;
        return await CheckIncidentsAsync(ct) ?? await CheckDeliveriesAsync(ct) ?? await CheckRunbooksAsync(ct);
    }

    private async Task<string?> CheckCountsAsync(Checkpoint latest, CancellationToken ct)
    {
        var actual = (await ListAsync(Command("""
                SELECT (SELECT count(*) FROM deliveries), (SELECT count(*) FROM incidents),
                       (SELECT last FROM incident_counter WHERE id = 1), (SELECT count(*) FROM runbook_versions);
                """),
            r => new CheckpointCounts(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? -1 : r.GetInt64(2), r.GetInt64(3)), ct))[0];
        var signed = latest.Counts;
        string? Differs(string what, long has, long expected) =>
            has == expected ? null : $"{what}: the store has {has} but latest checkpoint #{latest.Number} records {expected}";
        return Differs("deliveries rows", actual.Deliveries, signed.Deliveries)
            ?? Differs("incidents rows", actual.Incidents, signed.Incidents)
            ?? Differs("incident id counter", actual.IncidentCounter, signed.IncidentCounter)
            ?? Differs("runbook_versions rows", actual.Runbooks, signed.Runbooks);
    }

    /// <summary>Each incident row must equal the fold of its events, and each incident stream must have a row.</summary>
    private async Task<string?> CheckIncidentsAsync(CancellationToken ct)
    {
        var rows = await ListAsync(Command($"SELECT {StoredRows.IncidentColumns} FROM incidents ORDER BY number;"),
            StoredRows.Incident, ct);
        foreach (var row in rows)
        {
            var events = await ListAsync(Command($"SELECT {StoredRows.EventColumns} FROM events WHERE stream = @s ORDER BY seq;",
                ("s", row.Id)), StoredRows.Event, ct);
            var folded = Incident.FromEvents(row.Id, events)?.Summarize();
            if (folded is null) return $"incidents row {row.Id}: there are no events for it";
            if (ProjectionDiff.First(row, folded) is { } field)
                return $"incidents row {row.Id}: {field} disagrees with the fold of its {events.Count} events";
        }
        var orphan = await ScalarAsync(Command($"""
                SELECT stream FROM events
                WHERE stream LIKE 'INC-%' AND stream NOT IN (SELECT id{_ordinal} FROM incidents)
                ORDER BY stream{_ordinal} LIMIT 1;
                """), ct);
        return orphan is null ? null : $"{orphan}: the incident has events but no incidents row";
    }

    private async Task<string?> CheckDeliveriesAsync(CancellationToken ct)
    {
        var dangling = await ListAsync(Command($"""
                SELECT d.delivery_id, d.stream, d.seq FROM deliveries d
                WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = d.stream AND e.seq = d.seq)
                ORDER BY d.stream{_ordinal}, d.seq LIMIT 1;
                """), r => (Id: r.GetString(0), Stream: r.GetString(1), Seq: r.GetInt64(2)), ct);
        return dangling.Count == 0 ? null
            : $"deliveries row {dangling[0].Id}: it points at {dangling[0].Stream} #{dangling[0].Seq}, which is not an event";
    }

    private async Task<string?> CheckRunbooksAsync(CancellationToken ct)
    {
        var texts = await ListAsync(Command($"SELECT content_hash, runbook_id, source_text FROM runbook_versions ORDER BY content_hash{_ordinal};"),
            r => (Hash: r.GetString(0), Id: r.GetString(1), Text: r.GetString(2)), ct);
        foreach (var (hash, id, text) in texts)
        {
            if (!string.Equals(RunbookLoader.ComputeContentHash(text), hash, StringComparison.Ordinal))
                return $"runbook_versions row {id} ({CheckpointHasher.Short(hash)}): the stored text does not match its pinned hash";
        }
        return null;
    }
}
