using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Signals;

/// <summary>
/// An alert from a monitoring system, surface-neutral (Alertmanager, a generic JSON signal). A firing signal opens an
/// incident, or attaches to the open one with the same <see cref="GroupKey"/>; a resolved one is recorded as evidence.
/// </summary>
/// <param name="Source">Where it came from, e.g. <c>alertmanager</c>, <c>generic</c>.</param>
/// <param name="GroupKey">What makes two signals the same problem (Alertmanager's <c>groupKey</c>).</param>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="Title">Headline (alert name and summary).</param>
/// <param name="Service">Affected service, may be empty.</param>
/// <param name="Severity">Severity from the labels, if any.</param>
/// <param name="Labels">All labels (select the runbook).</param>
/// <param name="StartsAt">When the condition started, if known.</param>
/// <param name="Link">Where to see the alert (Alertmanager's <c>generatorURL</c>), an absolute http(s) URL, if any.</param>
/// <param name="Annotations">The alert's annotations (<c>summary</c>, <c>description</c>…), cleaned and bounded by the
/// surface that parsed it; null when it had none.</param>
public sealed record Signal(
    string Source,
    string GroupKey,
    string Status,
    string Title,
    string Service,
    Severity? Severity,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? StartsAt,
    string? Link = null,
    IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>True for a firing signal.</summary>
    public bool IsFiring => string.Equals(Status, "firing", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a signal did: <c>declared</c>, <c>attached</c> (to an open incident) or <c>recorded</c> (resolved with
/// no open incident, or no runbook applies).</summary>
public sealed record SignalResult(string Outcome, string? IncidentId, string Detail);
