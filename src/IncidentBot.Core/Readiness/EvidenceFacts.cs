namespace IncidentBot.Core.Readiness;

/// <summary>What the evidence store showed when the report was gathered (point 6).</summary>
/// <param name="Store">Which store, for people (<c>sqlite /data/incidentbot.db</c>, <c>postgres</c>).</param>
/// <param name="Audit">The read-only audit's outcome (the same audit as <c>incidentbot evidence verify</c>).</param>
/// <param name="AuditMessage">Its one line.</param>
/// <param name="SigningKeyPath">The checkpoint signing key file in use, or null when none is configured.</param>
/// <param name="SigningKeyExists">Whether that file exists.</param>
/// <param name="SigningKeyBesideDatabase">Whether it sits in the same folder as the database file.</param>
/// <param name="EventCount">Events held (incidents and the change log).</param>
/// <param name="OldestEventUtc">The oldest event's time, null when the store is empty.</param>
/// <param name="Exports">Per service (ignoring case): the export check of its latest incident.</param>
public sealed record EvidenceFacts(
    string Store,
    EvidenceAuditOutcome Audit,
    string AuditMessage,
    string? SigningKeyPath,
    bool SigningKeyExists,
    bool SigningKeyBesideDatabase,
    long EventCount,
    DateTimeOffset? OldestEventUtc,
    IReadOnlyDictionary<string, ExportCheck> Exports);
