using IncidentBot.Core.Conversations;

namespace IncidentBot.Core.Commands;

public sealed partial class IncidentEngine
{
    /// <summary>The thread lines of the incident's events <paramref name="fromSeq"/>..<paramref name="toSeq"/>, in order
    /// (what a delivery tells a thread; it reads only those events, never the incident's whole history).</summary>
    public async Task<IReadOnlyList<ThreadLine>> ThreadLinesAsync(string incidentId, long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        if (fromSeq < 1 || toSeq < fromSeq) return [];
        var events = await store.ReadStreamAfterAsync(incidentId, fromSeq - 1, cancellationToken).ConfigureAwait(false);
        return ThreadLines.Describe(events.Where(e => e.Seq >= fromSeq && e.Seq <= toSeq), people);
    }
}
