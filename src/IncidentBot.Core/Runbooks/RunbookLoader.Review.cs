using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Runbooks;

// Intent: review.required is opt-in. A runbook without it lets any review close; with it, each listed severity
// names the minimum content of the review, so a sev1 cannot close on an empty review.
public static partial class RunbookLoader
{
    private static readonly string[] SeverityKeys = ["sev1", "sev2", "sev3", "sev4"];
    private static readonly string[] RequirementKeys = ["learnings", "followups_with_owner", "questions_answered"];

    /// <summary>Reads <c>review.required</c>: severity → minimum content. Empty when absent; null (reported) when invalid.
    /// <paramref name="questionCount"/> (null when the questions could not be read) bounds <c>questions_answered</c>.</summary>
    private static Dictionary<Severity, ReviewRequirement>? ReadReviewRequired(YamlMap review, int? questionCount)
    {
        var result = new Dictionary<Severity, ReviewRequirement>();
        if (!review.Has("required")) return result;
        if (review.Map("required", "review.required", SeverityKeys) is not { } bySeverity) return null;
        var ok = true;
        foreach (var key in SeverityKeys.Where(bySeverity.Has))
        {
            if (bySeverity.Map(key, $"review.required.{key}", RequirementKeys) is not { } map) { ok = false; continue; }
            var learnings = map.Int("learnings", 0, 0, 100);
            var withOwner = map.Int("followups_with_owner", 0, 0, 100);
            var answered = map.IntOrWord("questions_answered", "all", 0, 0, 100);
            if (answered is { Number: { } n } && n > questionCount)
            {
                // A number no review can reach would make the incident impossible to close.
                map.Report(map.Value("questions_answered")!, $"'questions_answered' is {n} but review.questions has only {questionCount}; use all or a smaller number");
                answered = null;
            }
            if (learnings is null || withOwner is null || answered is null) { ok = false; continue; }
            SeverityText.TryParse(key, out var severity);
            result[severity] = new ReviewRequirement(learnings.Value, withOwner.Value, answered.Value.Number ?? 0, answered.Value.IsWord);
        }
        return ok ? result : null;
    }
}
