namespace IncidentBot.Core.Incidents;

/// <summary>
/// The read model of one incident, kept by the store in the same transaction as the incident's events.
/// Everything in it can be rebuilt from the events (<see cref="Incident.Summarize"/>).
/// </summary>
/// <param name="Id"><c>INC-n</c>.</param>
/// <param name="Number">n.</param>
/// <param name="Title">Title given at declaration.</param>
/// <param name="State">Current lifecycle state.</param>
/// <param name="Severity">Current severity, null until known.</param>
/// <param name="Service">Affected service, may be empty.</param>
/// <param name="RunbookId">Pinned runbook id.</param>
/// <param name="RunbookVersion">Pinned runbook version (<see cref="Runbooks.Runbook.PinnedVersion"/>).</param>
/// <param name="RunbookHash">Content hash of the pinned runbook text.</param>
/// <param name="Commander">Person id of the incident commander.</param>
/// <param name="Version">Number of accepted (state-changing) events; refusals do not count.</param>
/// <param name="LastSeq">Sequence number of the stream's last event (accepted or refused).</param>
/// <param name="DeclaredUtc">When it was declared.</param>
/// <param name="UpdatedUtc">When its last event was recorded.</param>
public sealed record IncidentSummary(
    string Id,
    int Number,
    string Title,
    IncidentState State,
    Severity? Severity,
    string Service,
    string RunbookId,
    string RunbookVersion,
    string RunbookHash,
    string Commander,
    int Version,
    long LastSeq,
    DateTimeOffset DeclaredUtc,
    DateTimeOffset UpdatedUtc)
{
    /// <summary>True for a practice incident (<c>/incident drill</c>), never counted as a real incident.</summary>
    public bool Drill { get; init; }

    /// <summary>True until the incident is closed or cancelled.</summary>
    public bool IsOpen => State is not (IncidentState.Closed or IncidentState.Cancelled);

    /// <summary>False when the store read this row but could not vouch for it (its keyed checksum does not match: the
    /// row was edited behind the store). Readers that serve it fold the incident's events instead. Not serialised.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Attested { get; init; } = true;
}
