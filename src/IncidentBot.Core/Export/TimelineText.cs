using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Export;

/// <summary>One sentence per evidence event, for timelines and post-mortems.</summary>
public static class TimelineText
{
    /// <summary>What the event says, in words.</summary>
    public static string Describe(IncidentEvent? e) => e switch
    {
        IncidentDeclared { Drill: true } d => $"started a DRILL (practice incident, not a real one) \"{d.Title}\" ({d.Severity?.ToText() ?? "severity not set"}, service {Or(d.Service)}, runbook {d.RunbookVersion})",
        IncidentDeclared d => $"declared \"{d.Title}\" ({d.Severity?.ToText() ?? "severity not set"}, service {Or(d.Service)}, runbook {d.RunbookVersion})",
        IncidentTriaged t => $"triaged as {t.Severity.ToText()}{(t.Layers.Count > 0 ? "; layers: " + string.Join(", ", t.Layers) : "")}" +
                             (t.ApprovalsRequired is { } n ? $"; the pending containment now needs {n} approval(s)" : ""),
        ContainmentChosen { Lifts: true } c => $"asked to lift {c.OptionId} (needs {c.RequiredApprovals} approval(s) from {string.Join("/", c.ApproverGroups)})",
        ContainmentChosen c => $"{(c.BreakGlass ? "BREAK-GLASS: executed" : "chose")} {c.OptionId} ({c.Kind.ToString().ToLowerInvariant()}, {c.Layer}" +
                               $"{(c.FromVersion is null ? "" : $" {c.FromVersion} → {c.ToVersion}")}{(c.Coupled is { Count: > 0 } m ? $"; with {string.Join(", ", m)}" : "")}; needs {c.RequiredApprovals} approval(s) from {string.Join("/", c.ApproverGroups)})",
        ApprovalGranted a => $"approved {a.OptionId}{(a.AfterTheFact ? " after the fact (break-glass)" : "")}{Quote(a.Note)}",
        ContainmentRejected r => $"rejected {r.OptionId}: {r.Reason}",
        StepCompleted s when IsHandedToPeople(s) => $"step {s.Index + 1} {s.StepId} ({s.Kind}) handed to people: {WithoutHandedPrefix(s.Summary)}",
        StepCompleted s => $"step {s.Index + 1} {s.StepId} ({s.Kind}) {(s.Succeeded ? "done" : "FAILED")}: {s.Summary}",
        ExecutionSucceeded s => $"execution of {s.OptionId} succeeded: {s.Summary}",
        ExecutionFailed f => $"execution of {f.OptionId} FAILED at step {f.StepId}: {f.Error}",
        VerificationPassed v => $"verification passed: {v.Detail}",
        VerificationFailed v => $"verification FAILED ({v.CheckId}): {v.Detail}",
        VerificationInconclusive v => $"verification inconclusive ({v.CheckId}): {v.Detail}",
        RecoveryConfirmed r => $"confirmed recovery{Quote(r.Note)}",
        ReviewStarted => "started the post-incident review",
        LearningRecorded l => $"learning: {l.Text}",
        ContributingFactorRecorded f => $"contributing factor: {f.Text}",
        QuestionAnswered q => $"answered review question {q.Number} (\"{q.Question}\"): {q.Text}",
        FollowUpAdded f => $"follow-up: {f.Text}{FollowUpDetails(f)}",
        IncidentClosed c => $"closed the incident ({c.Summary})",
        IncidentCancelled c => $"cancelled the incident: {c.Reason}",
        NoteAdded n => $"note: {n.Text}",
        RunbookChanged r => $"changed the runbook from {r.FromRunbookId} to {r.RunbookVersion}",
        RoleAssigned r => $"assigned {r.Role} to {r.Person}" + (r.Reason is { } why ? $" ({why})" : ""),
        CommandRefused r => $"REFUSED {r.Verb}: {r.Reason}",
        StepStarted s => $"step {s.Index + 1} {s.StepId} ({s.Kind}{(s.Idempotent ? ", idempotent" : "")}) started",
        ExecutionRetried r => $"asked to run it again from step {r.FromStep + 1}{Quote(r.Note)}",
        ExecutionContinued r => $"confirmed step {r.SkippedStep + 1} was done by hand; execution continues{Quote(r.Note)}",
        ApprovalReminderSent a => a.Escalated
            ? $"escalated: {a.Missing} approval(s) still missing; asking {string.Join("/", a.Groups)}"
            : $"reminder: {a.Missing} approval(s) still missing from {string.Join("/", a.Groups)}",
        ApprovalExpired x => $"approval window expired for {x.OptionId}; back to the containment choice",
        CheckPolled p => $"check {p.CheckId}: {p.Status} ({p.Streak} in a row): {p.Detail}",
        ReviewReminderSent r => $"reminder: the review is still open ({r.Learnings} learning(s), {r.FollowUps} follow-up(s))",
        SignalReceived s => $"{s.Source} signal {s.Status}: {s.Title}",
        ConversationBound { Conversation: { Thread: { } thread } c } => $"{c.Surface} thread started in {c.Channel} (root message {thread})",
        ConversationBound { Conversation: var c } => $"talks in {c.Surface} conversation {c.Channel}",
        ConversationSeen s => $"{s.Conversation.Surface} conversation {s.Conversation.Channel}: {s.Event}",
        null => "(unknown event)",
        _ => e.GetType().Name,
    };

    /// <summary>True for a manual step the bot handed to people: it is not done until a person confirms it
    /// (<see cref="ExecutionContinued"/> for that step, or <see cref="RecoveryConfirmed"/>).</summary>
    public static bool IsHandedToPeople(StepCompleted step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Succeeded && step.Kind == "manual";
    }

    internal static string WithoutHandedPrefix(string summary) =>
        summary.StartsWith(HandedPrefix, StringComparison.OrdinalIgnoreCase) ? summary[HandedPrefix.Length..] : summary;

    private const string HandedPrefix = "Handed to people: ";

    private static string FollowUpDetails(FollowUpAdded f)
    {
        var parts = new List<string>();
        if (f.Owner is not null) parts.Add("owner " + f.Owner);
        if (f.Due is { } due) parts.Add("due " + due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static string Or(string s) => s.Length > 0 ? s : "—";

    private static string Quote(string note) => string.IsNullOrWhiteSpace(note) ? "" : $" — \"{note}\"";
}
