using IncidentBot.Core.Evidence;

namespace IncidentBot.Core.Drills;

/// <summary>
/// <see cref="IDrillHistory"/> over any evidence store: the incident read model finds the drills of a service, and the
/// newest one's report is built from its events (<see cref="DrillReports"/>), never from the projection row.
/// </summary>
public sealed class EvidenceDrillHistory : IDrillHistory
{
    private readonly IIncidentReadModel incidents;
    private readonly IEvidenceStore store;

    /// <summary>Creates the history over a store's read model and its events.</summary>
    public EvidenceDrillHistory(IIncidentReadModel incidents, IEvidenceStore store)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(store);
        (this.incidents, this.store) = (incidents, store);
    }

    /// <inheritdoc />
    public async Task<DrillReport?> LastAsync(string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var wanted = service.Trim();
        var rows = await incidents.ListIncidentsAsync(includeClosed: true, cancellationToken).ConfigureAwait(false);
        // Started last first; the number breaks a tie (it is allocated in order). A row the store cannot vouch for
        // (edited behind it) is a candidate whatever its flag says; its events decide.
        var drills = rows.Where(r => (r.Drill || !r.Attested) && string.Equals(r.Service, wanted, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.DeclaredUtc).ThenByDescending(r => r.Number);
        foreach (var row in drills)
        {
            // Only the events say whether it is a drill, and how it went.
            var events = await store.ReadStreamAsync(row.Id, cancellationToken).ConfigureAwait(false);
            if (DrillReports.Build(row.Id, events) is { } report) return report;
        }
        return null;
    }
}
