using IncidentBot.Core.Incidents;
using IncidentBot.Core.Metrics;

namespace IncidentBot.Core.Review;

/// <summary>The summary of a review: the incident's facts and its milestones (times and durations defined once, in
/// <see cref="IncidentMilestones"/>, shared with the metrics API).</summary>
/// <param name="Id"><c>INC-n</c>.</param>
/// <param name="Title">Title as declared.</param>
/// <param name="Service">Affected service (may be empty).</param>
/// <param name="State">Where the incident stands.</param>
/// <param name="Severity">Severity now (null when never set).</param>
/// <param name="SeverityChanges">Each severity set after the declaration, in order.</param>
/// <param name="Commander">Commander now.</param>
/// <param name="RunbookVersion">Pinned runbook, <c>id@version#hash12</c>.</param>
/// <param name="AlertLink">The first signal's safe http(s) link, if it had one.</param>
/// <param name="Milestones">Times and durations.</param>
public sealed record ReviewSummary(
    string Id, string Title, string Service, IncidentState State, Severity? Severity, IReadOnlyList<SeverityChange> SeverityChanges,
    string Commander, string RunbookVersion, string? AlertLink, IncidentMilestones Milestones);

/// <summary>A severity set by triage: from what (null when it had none) to what, by whom and when.</summary>
public sealed record SeverityChange(Severity? From, Severity To, string By, DateTimeOffset AtUtc);
