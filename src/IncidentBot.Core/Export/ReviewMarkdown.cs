using System.Text;
using IncidentBot.Core.Review;

namespace IncidentBot.Core.Export;

/// <summary>
/// The post-mortem document in Markdown: summary table, impact, what changed, decisions, path and effect, learnings,
/// follow-ups, questions, what close requires, the timeline table and the evidence seal. Every piece of text from
/// people or systems goes through <see cref="MarkdownText"/>, so it cannot add links, HTML, headings or table cells.
/// </summary>
public static class ReviewMarkdown
{
    /// <summary>The document.</summary>
    public static string Render(PostIncidentReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var s = review.Summary;
        var sb = new StringBuilder();
        sb.Append("# ").Append(review.Drill is null ? "" : ReviewFormat.DrillTitleMark).Append(s.Id).Append(": ").Append(MarkdownText.Block(s.Title)).Append("\n\n");
        sb.Append(review.Drill is null ? "Post-incident review drafted by IncidentBot from the incident's evidence.\n\n"
            : "Drill review drafted by IncidentBot from the drill's evidence. This was a practice incident, not a real one.\n\n");

        sb.Append("## Summary\n\n| Field | Value |\n|---|---|\n");
        foreach (var (label, value) in ReviewFormat.SummaryRows(review))
            sb.Append("| ").Append(label).Append(" | ").Append(MarkdownText.Cell(value)).Append(" |\n");

        if (review.Drill is { } drill)
        {
            sb.Append("\n## Drill report\n\n| Field | Value |\n|---|---|\n");
            foreach (var (label, value) in ReviewFormat.DrillRows(drill))
                sb.Append("| ").Append(label).Append(" | ").Append(MarkdownText.Cell(value)).Append(" |\n");
        }

        sb.Append("\n## Impact\n\n");
        Item(sb, "Impact window: " + ReviewFormat.ImpactWindow(review));
        if (s.AlertLink is { } link) sb.Append("- Alert: `").Append(link.Replace("`", "", StringComparison.Ordinal)).Append("`\n");

        sb.Append("\n## What changed\n\n");
        if (review.RecentChanges.Count == 0) sb.Append("- No changes to the service were recorded in the window before the incident.\n");
        foreach (var c in review.RecentChanges) Item(sb, ReviewFormat.Change(c, review.RecentChanges));
        Item(sb, "Triage pointed at: " + (review.SuspectChange is { } suspect ? ReviewFormat.Change(suspect, review.RecentChanges) : "no recorded change"));
        foreach (var m in review.Moves) Item(sb, $"Containment moved {m.Layer}: {m.From} → {m.To} ({m.OptionId}, attempt {m.Attempt})");

        sb.Append("\n## Who decided, and how\n\n");
        if (review.Decisions.Count == 0) sb.Append("- No decisions recorded.\n");
        foreach (var d in review.Decisions) Item(sb, ReviewFormat.Decision(d));

        sb.Append("\n## Path and effect\n\n");
        if (review.Containments.Count == 0) sb.Append("- No containment was tried.\n");
        foreach (var c in review.Containments)
        {
            sb.Append("### ").Append(MarkdownText.Block(ReviewFormat.Attempt(c))).Append("\n\n");
            Item(sb, ReviewFormat.Decided(c));
            foreach (var step in c.Steps) Item(sb, ReviewFormat.Step(step));
            foreach (var check in c.Checks) Item(sb, ReviewFormat.Check(check));
            if (c.Verification is { } v) Item(sb, "Verification " + v);
            sb.Append('\n');
        }
        Item(sb, "Controls still in force: " + (review.ControlsInForce.Count == 0 ? "none" : string.Join(", ", review.ControlsInForce)));

        List(sb, "Learnings", review.Learnings.Select(l => $"{l.Text} ({l.By})"));
        List(sb, "Contributing factors", review.ContributingFactors.Select(l => $"{l.Text} ({l.By})"));
        List(sb, "Follow-ups", review.FollowUps.Select(ReviewFormat.FollowUp));
        if (review.Questions.Count > 0)
        {
            sb.Append("\n## Review questions\n\n");
            foreach (var q in review.Questions)
                sb.Append(q.Number).Append(". ").Append(MarkdownText.Block(q.Question)).Append(" — ")
                  .Append(q.Answer is { } a ? MarkdownText.Block($"{a.Text} ({a.By})") : "not answered yet").Append('\n');
        }
        if (review.Required is { } required) sb.Append("\n## Required before close\n\n- ").Append(MarkdownText.Block(ReviewFormat.Required(required))).Append('\n');

        sb.Append("\n## Timeline\n\n| # | Time (UTC) | Who | Via | What |\n|---|---|---|---|---|\n");
        foreach (var e in review.Timeline)
            sb.Append("| ").Append(e.Seq).Append(" | ").Append(ReviewFormat.Time(e.AtUtc)).Append(" | ").Append(MarkdownText.Cell(e.Actor))
              .Append(" | ").Append(MarkdownText.Cell(e.Surface)).Append(" | ").Append(MarkdownText.Cell(e.Text)).Append(" |\n");

        sb.Append("\n## Evidence\n\n");
        sb.Append("- Events: ").Append(review.Seal.Events).Append(", chain head `").Append(review.Seal.ChainHead).Append("`\n");
        if (review.Seal.Seal is { } seal) sb.Append("- Evidence seal: `").Append(seal).Append("` (check with `incidentbot evidence verify --seal`)\n");
        return sb.ToString();
    }

    private static void Item(StringBuilder sb, string text) => sb.Append("- ").Append(MarkdownText.Block(text)).Append('\n');

    private static void List(StringBuilder sb, string heading, IEnumerable<string> items)
    {
        sb.Append("\n## ").Append(heading).Append("\n\n");
        var any = false;
        foreach (var item in items) { Item(sb, item); any = true; }
        if (!any) sb.Append("- None recorded.\n");
    }
}
