using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Sqlite;

// The incident projection is rebuilt from events, but it is also what lists and searches read. Each row carries a
// keyed checksum (the signing key lives outside the database), so a row edited behind the store is recognised when it
// is read: it comes back with Attested = false and readers serve the fold of its events instead.
public sealed partial class SqliteStore
{
    /// <summary>The keyed checksum of a row as written.</summary>
    private string IncidentMac(IncidentSummary row) => IncidentRowMac.Compute(SigningKey(), row);

    /// <summary>The row, marked not attested when <paramref name="mac"/> is missing or does not match its content.</summary>
    private IncidentSummary Attest(IncidentSummary row, string? mac) => IncidentRowMac.Attest(SigningKey(), row, mac);

    /// <summary>At start-up: rows written before rows had checksums are rebuilt from their events and get one.</summary>
    private async Task AttestUncheckedRowsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var unchecked_ = await connection.Sql(null, "SELECT id FROM incidents WHERE mac IS NULL;")
            .ListAsync(r => r.GetString(0), cancellationToken);
        foreach (var id in unchecked_)
        {
            var events = await connection.Sql(null, $"SELECT {SqliteRows.EventColumns} FROM events WHERE stream = $s ORDER BY seq;")
                .With("$s", id).ListAsync(SqliteRows.Event, cancellationToken);
            try
            {
                if (Incident.FromEvents(id, events)?.Summarize() is not { } folded) continue; // verify reports a row without events
                await using var transaction = connection.BeginTransaction(deferred: false);
                await UpsertIncidentAsync(connection, transaction, folded, cancellationToken);
                transaction.Commit();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException
                                          or NotSupportedException or StoreUnavailableException)
            {
                // Events that do not fold into a row: it stays unattested, readers fold (or show it as stored), and
                // `evidence verify` names the problem. Starting the bot is not the place to fail for it.
            }
        }
    }
}
