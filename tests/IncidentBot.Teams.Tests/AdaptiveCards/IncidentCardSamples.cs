using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Runbooks;
using IncidentBot.TestSupport;

namespace IncidentBot.Teams.Tests.AdaptiveCards;

/// <summary>
/// Real cards: Core's <see cref="IncidentCards"/> for incidents folded from event scripts over the repository's own
/// runbooks, walked through the lifecycle (triage, choice, approval, rejection, execution, failure, verification,
/// review, close, cancel), once with ordinary and once with hostile text. Plus Core's notices and refusals.
/// </summary>
internal static class IncidentCardSamples
{
    public const string Hostile = "**bold** _it_ [x](javascript:alert(1)) ${secret} <at>Everyone</at> `code` ~~gone~~ \u202Eevil\u202C \\*";

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static IReadOnlyList<Runbook> Runbooks { get; } = LoadRunbooks();

    /// <summary>Every sample card, each with a name for failure messages.</summary>
    public static IEnumerable<(string Name, Card Card)> All()
    {
        foreach (var runbook in Runbooks)
            foreach (var hostile in new[] { false, true })
                foreach (var (name, card) in Lifecycle(runbook, hostile)) yield return ($"{runbook.Id}/{(hostile ? "hostile" : "plain")}/{name}", card);
        yield return ("refusal", IncidentCards.Refusal("approve", "You chose this containment, so someone else must approve it.", "INC-7"));
        yield return ("refusal-hostile", IncidentCards.Refusal(Hostile, Hostile, Hostile));
        yield return ("notice", IncidentCards.Notice("Open incidents", "INC-7 · Refunds failing · Triage\nINC-9 · Search slow · Verifying"));
        yield return ("notice-empty", IncidentCards.Notice("", ""));
    }

    /// <summary>The status card after each event of a script that walks most of the lifecycle.</summary>
    public static IEnumerable<(string Name, Card Card)> Lifecycle(Runbook runbook, bool hostile)
    {
        var text = hostile ? Hostile : "";
        var option = runbook.Options[0];
        var other = runbook.Options.Count > 1 ? runbook.Options[1] : option;
        var declared = new IncidentDeclared((hostile ? Hostile : "Refunds failing for EU customers"), null, runbook.AppliesTo.Services.FirstOrDefault() ?? "refunds",
            runbook.Id, runbook.ContentHash, runbook.Version, hostile ? Hostile : "alice", "teams", null);
        var main = new List<(string, IncidentEvent)>
        {
            ("declared", declared),
            ("triaged", new IncidentTriaged(Severity.Sev2, [option.Layer])),
            ("note", new NoteAdded("Customers report errors " + text)),
            ("chosen", Chosen(1, option)),
            ("rejected", new ContainmentRejected(1, option.Id, "Too risky at peak " + text)),
            ("chosen-again", Chosen(2, other)),
            ("approved", new ApprovalGranted(2, other.Id, "go " + text, false)),
            ("failed", new ExecutionFailed(2, other.Id, "step-1", "timeout " + text, 0)),
            ("retried", new ExecutionRetried(2, 0, "once more")),
            ("succeeded", new ExecutionSucceeded(2, other.Id, "done " + text)),
            ("verification-failed", new VerificationFailed("errors", "error rate still high " + text)),
            ("recovered", new RecoveryConfirmed("fine now " + text)),
            ("review", new ReviewStarted(runbook.Review.Questions)),
            ("learned", new LearningRecorded("Alert sooner " + text)),
            ("follow-up", new FollowUpAdded("Add a canary " + text)),
            ("factor", new ContributingFactorRecorded("No canary on refund questions " + text)),
            ("answered", new QuestionAnswered(Math.Min(2, runbook.Review.Questions.Count), runbook.Review.Questions[Math.Min(2, runbook.Review.Questions.Count) - 1], "An agent noticed " + text)),
            ("follow-up-owned", new FollowUpAdded("Rotate the eval set " + text, "bob", new DateOnly(2026, 12, 20))),
            ("review-sev1", new IncidentTriaged(Severity.Sev1, [option.Layer])),
            ("closed", new IncidentClosed("Closed " + text)),
        };
        foreach (var card in CardsAfterEach(runbook, main)) yield return card;
        foreach (var card in CardsAfterEach(runbook, [main[0], main[1], ("cancelled", new IncidentCancelled("false alarm " + text))])) yield return card;
        foreach (var card in CardsAfterEach(runbook, [("drill", declared with { Title = "Drill: " + runbook.Title, Drill = true }), main[1], main[3]])) yield return card;
    }

    /// <summary>The status card of a drill of <paramref name="runbook"/> just started.</summary>
    public static Card Drill(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        var declared = new IncidentDeclared("Drill: " + runbook.Title, Severity.Sev3, runbook.AppliesTo.Services.FirstOrDefault() ?? "refunds",
            runbook.Id, runbook.ContentHash, runbook.Version, "alice", "teams", null, Drill: true);
        return CardsAfterEach(runbook, [("drill", declared)]).Single().Card;
    }

    private static ContainmentChosen Chosen(int attempt, ContainmentOption o) =>
        new(attempt, o.Id, o.Title, o.Kind, o.Layer, 1, o.Approval.Groups, false,
            o.Kind == ContainmentKind.Rollback ? "v42" : null, o.Kind == ContainmentKind.Rollback ? "v41" : null);

    private static IEnumerable<(string Name, Card Card)> CardsAfterEach(Runbook runbook, List<(string Name, IncidentEvent Event)> script)
    {
        for (var n = 1; n <= script.Count; n++)
        {
            var events = script.Take(n).Select((s, i) => (Stored(i, s.Event), (IncidentEvent?)s.Event));
            var incident = Incident.FromDecoded("INC-7", events)!;
            yield return ($"{script[n - 1].Name}:{incident.State}", IncidentCards.Status(incident, runbook));
        }
    }

    private static EvidenceEvent Stored(int seq, IncidentEvent e) =>
        new("INC-7", seq + 1, $"e{seq}", e.GetType().Name, seq % 2 == 0 ? "alice" : "bob", "teams", Start.AddMinutes(seq), "{}", null, "", "");

    private static List<Runbook> LoadRunbooks()
    {
        var loaded = RunbookCatalog.LoadDirectory(RepositoryRoot.Combine("runbooks"));
        if (loaded.Problems.Count > 0) throw new InvalidOperationException(string.Join('\n', loaded.Problems));
        return loaded.Catalog.All.Where(r => r.Options.Count > 0).ToList();
    }
}
