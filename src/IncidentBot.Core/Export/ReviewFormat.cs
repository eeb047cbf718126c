using System.Globalization;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Review;

namespace IncidentBot.Core.Export;

/// <summary>How review documents write times, durations and rows that every format shares (before escaping).</summary>
public static class ReviewFormat
{
    /// <summary>A UTC time as <c>2026-12-01 09:00:00</c>, or an em dash for none.</summary>
    public static string Time(DateTimeOffset? t) =>
        t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>A duration as <c>1h 02m 03s</c>, <c>4m 05s</c> or <c>6s</c>; an em dash for none.</summary>
    public static string Duration(TimeSpan? d)
    {
        if (d is not { } v) return "—";
        var sign = v < TimeSpan.Zero ? "-" : "";
        v = v.Duration();
        var s = (long)Math.Round(v.TotalSeconds);
        var (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
        return sign + (h > 0 ? $"{h}h {m:00}m {sec:00}s" : m > 0 ? $"{m}m {sec:00}s" : $"{sec}s");
    }

    /// <summary>What a drill's summary table says in its Drill row.</summary>
    public const string DrillRow = "yes — a practice incident, not counted in the metrics";

    /// <summary>What leads a drill's document title.</summary>
    public const string DrillTitleMark = "DRILL · ";

    /// <summary>The drill report's rows (label, value): what was drilled, each stage's time, who approved and what
    /// failed (one row each, or "none").</summary>
    public static IReadOnlyList<(string Label, string Value)> DrillRows(DrillReport drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var rows = new List<(string, string)>
        {
            ("Service", Or(drill.Service)), ("Runbook", drill.RunbookId), ("Severity", drill.Severity?.ToText() ?? "not triaged"),
            ("Outcome", drill.Recovered ? $"recovered ({drill.State})" : $"not recovered ({drill.State})"),
            ("Started", Time(drill.DeclaredUtc)),
            ("Time to triage", Duration(drill.ToTriage)), ("Time to approve", Duration(drill.ToApprove)),
            ("Time to mitigate", Duration(drill.ToMitigate)), ("Time to recover", Duration(drill.ToRecover)),
            ("Approvers", drill.Approvers.Count == 0 ? "none" : string.Join(", ", drill.Approvers)),
        };
        if (drill.Failures.Count == 0) rows.Add(("Failures", "none"));
        rows.AddRange(drill.Failures.Select(f => ("Failure", f)));
        return rows;
    }

    /// <summary>The summary table's rows (label, value): facts, milestones, then durations, in that order.</summary>
    public static IReadOnlyList<(string Label, string Value)> SummaryRows(PostIncidentReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var s = review.Summary;
        var m = s.Milestones;
        var severity = s.Severity?.ToText() ?? "not triaged";
        if (s.SeverityChanges.Count > 0)
            severity += " (" + string.Join("; ", s.SeverityChanges.Select(c => $"{c.From?.ToText() ?? "none"} → {c.To.ToText()} by {c.By} at {Time(c.AtUtc)}")) + ")";
        (string, string)[] drill = review.Drill is null ? [] : [("Drill", DrillRow)];
        return
        [
            ("Incident", s.Id), .. drill, ("Title", s.Title), ("Service", Or(s.Service)), ("Severity", severity), ("Commander", Or(s.Commander)),
            ("Runbook", Or(s.RunbookVersion)), ("State", s.State.ToString()),
            ("First signal", Time(m.FirstSignalUtc)), ("Declared", Time(m.DeclaredUtc)),
            ("Acknowledged", m.AcknowledgedUtc is null ? "—" : $"{Time(m.AcknowledgedUtc)} by {m.AcknowledgedBy}"),
            ("Triaged", Time(m.TriagedUtc)), ("Containment chosen", Time(m.ContainmentChosenUtc)), ("Approved", Time(m.ApprovedUtc)),
            ("Mitigated", Time(m.MitigatedUtc)), ("Recovered", Time(m.RecoveredUtc)), ("Review started", Time(m.ReviewStartedUtc)),
            ("Closed", Time(m.ClosedUtc)),
            ("Time to acknowledge", Duration(m.ToAcknowledge)), ("Time to approve", Duration(m.ToApprove)),
            ("Time to mitigate", Duration(m.ToMitigate)), ("Time to recover", Duration(m.ToRecover)), ("Total", Duration(m.Total)),
        ];
    }

    /// <summary>The impact window in words: start → end (duration), or open-ended while not recovered.</summary>
    public static string ImpactWindow(PostIncidentReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var m = review.Summary.Milestones;
        var from = m.FirstSignalUtc is not null && m.ImpactStartUtc == m.FirstSignalUtc ? "first signal" : "declaration";
        return m.RecoveredUtc is { } end
            ? $"{Time(m.ImpactStartUtc)} → {Time(end)} UTC ({Duration(m.Impact)}, from the {from} to recovery)"
            : $"{Time(m.ImpactStartUtc)} → not recovered yet (open-ended, from the {from})";
    }

    /// <summary>A change in words: layer, from → to version, who, when, approved or not.</summary>
    public static string Change(ChangeRecord change, IReadOnlyList<ChangeRecord> all)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(all);
        var before = all.Where(c => c.Layer == change.Layer && (c.DeployedUtc, c.Seq).CompareTo((change.DeployedUtc, change.Seq)) < 0)
            .OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).FirstOrDefault();
        return $"{change.Layer}: {(before is null ? "" : before.Version + " → ")}{change.Version} by {change.DeployedBy} at {Time(change.DeployedUtc)} " +
               $"({(change.Approved ? "approved" : "NOT approved")}){(string.IsNullOrWhiteSpace(change.Note) ? "" : " — " + change.Note)}";
    }

    /// <summary>A decision in words: <c>2026-12-01 09:01:30 bob: chose rollback-prompt (…)</c>.</summary>
    public static string Decision(ReviewDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return $"{Time(d.AtUtc)} {d.By}: {d.Text}";
    }

    /// <summary>A step's result in words: "handed to people" until a person confirms it, then "confirmed by X at T".</summary>
    public static string Step(ReviewStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var confirmed = step.ConfirmedBy is null ? "" : $"; confirmed by {step.ConfirmedBy} at {Time(step.ConfirmedAtUtc)}";
        return $"step {step.Index + 1} {step.StepId} ({step.Kind}): {step.Result}{confirmed}{(step.Detail.Length == 0 ? "" : " — " + step.Detail)}";
    }

    /// <summary>A check named once, with its polls: <c>error-rate: 3 polls, 2 passed; last pass — detail</c>.</summary>
    public static string Check(ReviewCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return $"check {check.CheckId}: {check.Polls} poll(s), {check.Passes} passed; last {check.LastStatus} at {Time(check.LastAtUtc)} — {check.LastDetail}";
    }

    /// <summary>An attempt's heading: <c>Attempt 1: rollback-prompt (rollback, prompt): Executed</c>.</summary>
    public static string Attempt(ReviewContainment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"Attempt {c.Attempt}: {(c.Lifts ? "lift " : "")}{c.OptionId} ({c.Kind.ToString().ToLowerInvariant()}, {c.Layer}){(c.BreakGlass ? ", break-glass" : "")} — {c.Status}";
    }

    /// <summary>Who chose and approved an attempt.</summary>
    public static string Decided(ReviewContainment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"chosen by {c.ChosenBy} at {Time(c.ChosenAtUtc)}; " +
               (c.Approvers.Count == 0 ? "no approvals" : "approved by " + string.Join(", ", c.Approvers)) +
               (c.Outcome is null ? "" : $"; outcome: {c.Outcome}") +
               (c.Retries > 0 ? $"; resumed {c.Retries} time(s)" : "") + (c.Interruptions > 0 ? $"; interrupted {c.Interruptions} time(s)" : "");
    }

    /// <summary>A follow-up in words: text, owner, due date, who added it.</summary>
    public static string FollowUp(FollowUpItem f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return $"{f.Text} — owner {f.Owner ?? "NONE"}" + (f.Due is { } d ? ", due " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "") +
               $" (added by {f.By} at {Time(f.AtUtc)})";
    }

    /// <summary>What close requires at the severity, and whether it is met.</summary>
    public static string Required(ReviewCloseRequirement r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var answers = r.Answers == 0 ? "" : r.Answers == r.Questions ? ", every review question answered" : $", {r.Answers} of {r.Questions} review questions answered";
        return $"{r.Severity.ToText()}: {r.Learnings} learning(s), {r.FollowUpsWithOwner} follow-up(s) with an owner{answers} — " +
               (r.Missing.Count == 0 ? "met" : "missing " + string.Join(" and ", r.Missing));
    }

    private static string Or(string s) => s.Length > 0 ? s : "—";
}
