using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents;

/// <summary>
/// How far an incident's review is from what its runbook requires at its severity: the one place that says what is
/// still missing, so the refused close, the review card's "Before close" and the Close button's confirmation agree.
/// </summary>
/// <param name="Severity">The severity the requirement is read at (sev4 when the incident never had one).</param>
/// <param name="Required">What the runbook requires at that severity.</param>
/// <param name="Asked">How many review questions the review asks.</param>
/// <param name="Answered">How many of them are answered.</param>
/// <param name="Unanswered">The numbers (1-based) of the questions not answered yet, in order.</param>
/// <param name="Missing">What is still missing, one phrase per kind, e.g. <c>1 follow-up with an owner (has 0)</c>;
/// empty when the review may close.</param>
public sealed record ReviewProgress(
    Severity Severity,
    ReviewRequirement Required,
    int Asked,
    int Answered,
    IReadOnlyList<int> Unanswered,
    IReadOnlyList<string> Missing)
{
    /// <summary>True when nothing is missing.</summary>
    public bool Ready => Missing.Count == 0;

    /// <summary>The missing phrases as one list: <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public string MissingText => Missing.Count switch
    {
        0 => "",
        1 => Missing[0],
        _ => string.Join(", ", Missing.Take(Missing.Count - 1)) + " and " + Missing[^1],
    };

    /// <summary>The review of <paramref name="incident"/> against <paramref name="review"/>'s requirement at its severity.</summary>
    public static ReviewProgress Of(Incident incident, ReviewTemplate review)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(review);
        var severity = incident.Severity ?? Severity.Sev4;
        var required = review.RequiredFor(severity);
        var asked = incident.ReviewQuestions.Count;
        var unanswered = incident.UnansweredQuestions;
        var answered = asked - unanswered.Count;
        var missing = new List<string>();
        if (incident.Learnings.Count < required.Learnings)
            missing.Add($"{Plural(required.Learnings, "learning")} (has {incident.Learnings.Count})");
        if (incident.FollowUpsWithOwner < required.FollowUpsWithOwner)
            missing.Add($"{Plural(required.FollowUpsWithOwner, "follow-up")} with an owner (has {incident.FollowUpsWithOwner})");
        var needed = required.AnswersNeeded(asked);
        if (answered < needed)
        {
            var numbers = string.Join(", ", unanswered);
            var which = needed - answered == unanswered.Count
                ? (unanswered.Count == 1 ? $"an answer to question {numbers}" : $"answers to questions {numbers}")
                : $"answers to {needed - answered} more of questions {numbers}";
            missing.Add($"{which} ({answered} of {asked} answered)");
        }
        return new ReviewProgress(severity, required, asked, answered, unanswered, missing);
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
