namespace IncidentBot.Core.Readiness;

public static partial class ReadinessAssessor
{
    /// <summary>Point 6: the store verifies, the checkpoint key is configured and kept apart from the database, the
    /// service's latest incident exports, and how long evidence is kept.</summary>
    private static ReadinessPoint Evidence(ReadinessInputs inputs, string service)
    {
        var point = new PointBuilder(6, ReadinessPoints.EvidenceCapture);
        var e = inputs.Evidence;
        switch (e.Audit)
        {
            case EvidenceAuditOutcome.Intact:
                point.Fact($"store ({e.Store}) verifies: {e.AuditMessage}");
                break;
            case EvidenceAuditOutcome.Altered:
                point.Fail($"store ({e.Store}) is altered: {e.AuditMessage}",
                    "Run incidentbot evidence verify, find out who changed the store, and restore it from a backup that verifies.");
                break;
            default:
                point.Fail($"store ({e.Store}) could not be verified: {e.AuditMessage}",
                    "Make incidentbot evidence verify run against this store (database reachable, signing key readable).");
                break;
        }
        if (e.SigningKeyPath is null)
            point.Fail("no checkpoint signing key is configured: checkpoints cannot be signed or checked",
                "Set Evidence:SigningKeyPath to a key file kept apart from the database.");
        else if (!e.SigningKeyExists)
            point.Fail($"there is no checkpoint signing key at {e.SigningKeyPath}",
                "Restore the signing key file (or point Evidence:SigningKeyPath at it); without it the checkpoints cannot be checked.");
        else if (e.SigningKeyBesideDatabase)
            point.Warn($"the checkpoint signing key {e.SigningKeyPath} sits in the same folder as the database: whoever can change the database can re-sign it",
                "Keep the key apart from the database: move it to another folder (or a mounted secret) and set Evidence:SigningKeyPath.");
        else
            point.Fact($"checkpoint signing key: {e.SigningKeyPath}, apart from the database");

        var export = e.Exports.FirstOrDefault(x => string.Equals(x.Key, service, StringComparison.OrdinalIgnoreCase)).Value;
        if (export?.IncidentId is null)
            point.Fact($"exports: no incident for {service} yet, nothing to export");
        else if (export.Error is not null)
            point.Fail($"exports: {export.IncidentId} did not export: {export.Error}",
                $"Export {export.IncidentId} (GET /api/incidents/{export.IncidentId}/timeline?format=md) and fix what fails.");
        else
            point.Fact($"exports: {export.IncidentId} renders as {string.Join(", ", export.Rendered)}");

        point.Fact($"retention: the store is append-only and keeps evidence forever; {e.EventCount} event(s)" +
                   (e.OldestEventUtc is { } oldest ? $", the oldest from {Time(oldest)}" : ""));
        return point.Build();
    }
}
