using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Commands;

/// <summary>Usage text of every verb: the one grammar every surface speaks.</summary>
public static class CommandHelp
{
    /// <summary>Verb → (usage, what it does), in the order help lists them.</summary>
    public static readonly IReadOnlyList<(string Verb, string Usage, string Summary)> Verbs =
    [
        ("declare", "declare <title> [severity] [service=NAME] [runbook=ID]", "Open an incident; its thread is where everything else happens. Severity: sev1..sev4 or P1..P4 anywhere, critical, major, minor (high, medium, low) as the title's last word."),
        ("drill", "drill <runbook> [severity] [service=NAME]", "Start a rollback drill: a practice incident that runs the runbook for real (approvals, timers, verification) against the drill settings, marked as a drill and never counted as an incident. Service: service=NAME or the runbook's first service."),
        ("triage", "triage [INC-n] <severity> [layer…] [runbook=ID]", "Set severity (sev1..sev4, P1..P4, critical, major, minor, high, medium, low), the affected layers (model, prompt, retrieval, …) and, before any containment, another runbook."),
        ("contain", "contain [INC-n] [option-id] [break-glass]", "Choose a containment option; without an id, list the options."),
        ("approve", "approve [INC-n] [note]", "Approve the chosen containment (not your own)."),
        ("reject", "reject [INC-n] <reason>", "Reject the chosen containment, back to the choice."),
        ("recovered", "recovered [INC-n] [note]", "Confirm that the system recovered."),
        ("lift", "lift [INC-n] <option-id>", "Lift a runtime control or pause in force (approved like the option)."),
        ("retry", "retry [INC-n] [note]", "Run a failed or interrupted containment again from the step that did not finish."),
        ("continue", "continue [INC-n] [note]", "The interrupted step was done by hand: continue after it."),
        ("note", "note [INC-n] <text>", "Add a note to the timeline."),
        ("assign", "assign [INC-n] <role> <user>", "Give a role (commander, deputy, scribe, comms, ops, liaison) to someone; \"me\" is you."),
        ("status", "status [INC-n]", "Show the incident card."),
        ("list", "list", "List open incidents."),
        ("changes", "changes [service]", "Recent versions deployed per layer."),
        ("review", "review [INC-n]", "Start the post-incident review."),
        ("learn", "learn [INC-n] <text>", "Record a learning in the review."),
        ("followup", "followup [INC-n] <text> [owner=PERSON] [due=YYYY-MM-DD]", "Record a follow-up action, its owner and when it is due."),
        ("factor", "factor [INC-n] <text>", "Record a contributing factor in the review."),
        ("answer", "answer [INC-n] <question number> <text>", "Answer one of the runbook's review questions."),
        ("close", "close [INC-n]", "Close the incident after its review."),
        ("cancel", "cancel [INC-n] <reason>", "Call the incident off."),
        ("export", "export [INC-n] [md|json|csv]", "Export the post-mortem (md), the review as JSON, or the timeline as CSV."),
        ("help", "help [verb]", "This help."),
    ];

    /// <summary>The usage line of a verb, or null.</summary>
    public static string? UsageOf(string verb) =>
        Verbs.FirstOrDefault(v => v.Verb == verb).Usage is { } u ? "/incident " + u : null;

    /// <summary>The verb nearest to a mistyped <paramref name="word"/> (two edits at most, <see cref="Spelling"/>), or null.</summary>
    public static string? Nearest(string word) =>
        word.Length is 0 or > 40 ? null : Spelling.Suggest(word, Verbs.Select(v => v.Verb));

    /// <summary>All verbs, one per line.</summary>
    public static string All() => string.Join('\n', Verbs.Select(v => $"/incident {v.Usage} — {v.Summary}"));
}
