using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Host.Logging;

namespace IncidentBot.Host.Api;

/// <summary>
/// The API never serves a projection row that disagrees with the events: one incident is always folded from its
/// stream; a list keeps rows the store attests (their keyed checksum matches, see <see cref="IncidentSummary.Attested"/>)
/// and whose <see cref="IncidentSummary.LastSeq"/> matches the stream's last event, and folds the others. Every
/// disagreement is logged (the projection was edited behind the store, or lost a write).
/// </summary>
internal static class IncidentTruth
{
    /// <summary>The incident folded from <paramref name="events"/>; logs when the stored row says otherwise.</summary>
    public static IncidentSummary Folded(IncidentSummary stored, IReadOnlyList<EvidenceEvent> events, ILogger logger)
    {
        var folded = Incident.FromEvents(stored.Id, events)?.Summarize();
        if (folded is null)
        {
            Log.ProjectionWithoutEvents(logger, stored.Id);
            return stored;
        }
        if (folded != stored with { Attested = true } || !stored.Attested) Log.ProjectionDisagrees(logger, stored.Id, stored.LastSeq, folded.LastSeq);
        return folded;
    }

    /// <summary>The rows, each replaced by its fold when its last sequence is not the stream's.</summary>
    public static async Task<IReadOnlyList<IncidentSummary>> ReconciledAsync(IReadOnlyList<IncidentSummary> rows,
        IEvidenceStore store, ILogger logger, CancellationToken cancellationToken)
    {
        var result = new List<IncidentSummary>(rows.Count);
        foreach (var row in rows)
        {
            var newer = await store.ReadStreamAfterAsync(row.Id, row.LastSeq - 1, cancellationToken).ConfigureAwait(false);
            var consistent = row.Attested && newer.Count == 1 && newer[0].Seq == row.LastSeq;
            result.Add(consistent ? row : Folded(row, await store.ReadStreamAsync(row.Id, cancellationToken).ConfigureAwait(false), logger));
        }
        return result;
    }
}
