using System.Globalization;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Messages;

/// <summary>
/// The incident card while it is in review: what the review holds, what the runbook still requires before close, and
/// a button for each thing people add from chat. Buttons that need text carry an input prompt; every surface asks for
/// the text and appends it to the command, so a button submits exactly what a person could have typed.
/// </summary>
internal static class ReviewCard
{
    /// <summary>Items of one kind shown on the card; the export has them all.</summary>
    private const int ShownItems = 5;

    internal const string FollowUpPrompt =
        "What needs doing? End with owner=PERSON (who will do it; owner=me for you) and optionally due=YYYY-MM-DD, e.g. Add a refund eval owner=me due=2026-12-20";

    /// <summary>The review's fields: learnings, contributing factors, follow-ups, questions answered, and what is still
    /// required before close.</summary>
    public static IEnumerable<CardField> Fields(Incident incident, Runbook runbook)
    {
        var progress = ReviewProgress.Of(incident, runbook.Review);
        yield return new("Learnings", Items(incident.LearningItems.Select(l => l.Text).ToList(), incident.LearningItems.Count.ToString(CultureInfo.InvariantCulture)));
        yield return new("Contributing factors", Items(incident.ContributingFactors.Select(f => f.Text).ToList(), incident.ContributingFactors.Count.ToString(CultureInfo.InvariantCulture)));
        var followUps = incident.FollowUpItems;
        yield return new("Follow-ups", Items(followUps.Select(DescribeFollowUp).ToList(), $"{followUps.Count} ({incident.FollowUpsWithOwner} with an owner)"));
        yield return new("Questions answered", $"{progress.Answered}/{progress.Asked}");
        yield return new("Before close", BeforeClose(progress));
    }

    /// <summary>The card text: the unanswered questions, numbered, and how to add to the review by typing.</summary>
    public static string Guidance(Incident incident, Runbook runbook)
    {
        var progress = ReviewProgress.Of(incident, runbook.Review);
        var lines = new List<string>();
        if (progress.Unanswered.Count > 0)
        {
            lines.Add("Unanswered questions:");
            lines.AddRange(progress.Unanswered.Select(n => $"{n}. {incident.ReviewQuestions[n - 1]}"));
        }
        else if (progress.Asked > 0)
        {
            lines.Add($"All {progress.Asked} review questions are answered.");
        }
        lines.Add("Before close: " + BeforeClose(progress) + ".");
        lines.Add($"Use the buttons, or type /incident learn|factor {incident.Id} <text>, /incident followup {incident.Id} <text> owner=PERSON [due=YYYY-MM-DD], /incident answer {incident.Id} <n> <text>.");
        return string.Join('\n', lines);
    }

    public static CardButton Learn(Incident incident) =>
        new("Add learning", $"/incident learn {incident.Id}", ButtonStyle.Default, null, "What did we learn?");

    public static CardButton Factor(Incident incident) =>
        new("Add contributing factor", $"/incident factor {incident.Id}", ButtonStyle.Default, null, "What contributed to the incident?");

    public static CardButton FollowUp(Incident incident) =>
        new("Add follow-up", $"/incident followup {incident.Id}", ButtonStyle.Default, null, FollowUpPrompt);

    /// <summary>One button per unanswered question; its prompt is the question itself (each surface clips it to its own limits).</summary>
    public static IEnumerable<CardButton> Answers(Incident incident) =>
        incident.UnansweredQuestions.Select(n => new CardButton($"Answer Q{n}", $"/incident answer {incident.Id} {n}", ButtonStyle.Default, null,
            incident.ReviewQuestions[n - 1]));

    /// <summary>Close, confirming what is still missing (so the person knows the close will be refused) or what the
    /// review ends with.</summary>
    public static CardButton Close(Incident incident, Runbook runbook)
    {
        var progress = ReviewProgress.Of(incident, runbook.Review);
        var text = progress.Ready
            ? $"The review ends with {incident.Learnings.Count} learning(s), {incident.ContributingFactors.Count} contributing factor(s), " +
              $"{incident.FollowUps.Count} follow-up(s) ({incident.FollowUpsWithOwner} with an owner) and {progress.Answered} of {progress.Asked} questions answered. Closed incidents accept only notes."
            : $"Not ready: {progress.Severity.ToText()} still needs {progress.MissingText}. The close will be refused until the review has them.";
        return new CardButton("Close incident", $"/incident close {incident.Id}", progress.Ready ? ButtonStyle.Primary : ButtonStyle.Default,
            new ConfirmDialog("Close the incident?", text, progress.Ready ? "Close it" : "Try anyway"));
    }

    private static string BeforeClose(ReviewProgress progress) =>
        progress.Ready ? "nothing: ready to close" : progress.MissingText;

    private static string DescribeFollowUp(FollowUpItem f) =>
        Clip(f.Text, 100) + (f.Owner is null ? " — no owner" : $" — owner {f.Owner}") +
        (f.Due is { } due ? ", due " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");

    private static string Items(IReadOnlyList<string> items, string headline)
    {
        if (items.Count == 0) return "none yet";
        var shown = items.TakeLast(ShownItems).Select(i => "• " + Clip(i, 120));
        var more = items.Count > ShownItems ? $"\n… and {items.Count - ShownItems} earlier" : "";
        return headline + "\n" + string.Join('\n', shown) + more;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
