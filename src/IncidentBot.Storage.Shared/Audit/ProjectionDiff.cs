using IncidentBot.Core.Incidents;

namespace IncidentBot.Storage.Shared.Audit;

/// <summary>Names the first field in which a stored incident row differs from the fold of its events.</summary>
internal static class ProjectionDiff
{
    public static string? First(IncidentSummary stored, IncidentSummary folded)
    {
        if (stored == folded) return null;
        (string Name, object? Stored, object? Folded)[] fields =
        [
            ("number", stored.Number, folded.Number), ("title", stored.Title, folded.Title),
            ("state", stored.State, folded.State), ("severity", stored.Severity, folded.Severity),
            ("service", stored.Service, folded.Service), ("runbook_id", stored.RunbookId, folded.RunbookId),
            ("runbook_version", stored.RunbookVersion, folded.RunbookVersion),
            ("runbook_hash", stored.RunbookHash, folded.RunbookHash), ("commander", stored.Commander, folded.Commander),
            ("version", stored.Version, folded.Version), ("last_seq", stored.LastSeq, folded.LastSeq),
            ("declared_utc", stored.DeclaredUtc, folded.DeclaredUtc), ("updated_utc", stored.UpdatedUtc, folded.UpdatedUtc),
            ("drill", stored.Drill, folded.Drill),
        ];
        var diff = fields.FirstOrDefault(f => !Equals(f.Stored, f.Folded));
        return diff.Name is null ? "id" : $"{diff.Name} is '{diff.Stored}' where the events say '{diff.Folded}'";
    }
}
