using System.Text.Json;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Review;
using IncidentBot.Core.Text;

namespace IncidentBot.Core.Export;

/// <summary>
/// The review as JSON for tools: <c>summary</c> (facts, <c>drill</c> true for a practice incident, <c>times</c> in the events' time format, <c>durations</c> in
/// seconds, the impact window), <c>changes</c>, <c>decisions</c>, <c>containments</c>, <c>learnings</c>,
/// <c>contributingFactors</c>, <c>followUps</c>, <c>questions</c>, <c>required</c>, the <c>seal</c> and chain head,
/// and <c>events</c>: every event with its payload exactly as stored and its hashes; a drill adds <c>drillReport</c>
/// (null otherwise). Text is cleaned to one line.
/// </summary>
public static class ReviewJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON document.</summary>
    public static string Render(PostIncidentReview review, IReadOnlyList<EvidenceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(events);
        var s = review.Summary;
        var m = s.Milestones;
        return JsonSerializer.Serialize(new
        {
            incident = s.Id,
            seal = review.Seal.Seal,
            chainHead = review.Seal.ChainHead,
            summary = new
            {
                id = s.Id, drill = review.Drill is not null, title = C(s.Title), service = s.Service, state = s.State.ToString(), severity = s.Severity?.ToText(),
                severityChanges = s.SeverityChanges.Select(c => new { from = c.From?.ToText(), to = c.To.ToText(), by = c.By, at = T(c.AtUtc) }),
                commander = s.Commander, runbook = s.RunbookVersion, alertLink = s.AlertLink,
                times = new
                {
                    firstSignal = T(m.FirstSignalUtc), declared = T(m.DeclaredUtc), acknowledged = T(m.AcknowledgedUtc), acknowledgedBy = m.AcknowledgedBy,
                    triaged = T(m.TriagedUtc), containmentChosen = T(m.ContainmentChosenUtc), approvalRequested = T(m.ApprovalRequestedUtc),
                    approved = T(m.ApprovedUtc), mitigated = T(m.MitigatedUtc), recovered = T(m.RecoveredUtc), reviewStarted = T(m.ReviewStartedUtc),
                    closed = T(m.ClosedUtc),
                },
                durations = new
                {
                    toAcknowledge = Sec(m.ToAcknowledge), toApprove = Sec(m.ToApprove), toMitigate = Sec(m.ToMitigate), toRecover = Sec(m.ToRecover),
                    total = Sec(m.Total), impact = Sec(m.Impact),
                },
                impact = new { start = T(m.ImpactStartUtc), end = T(m.RecoveredUtc) },
            },
            drillReport = review.Drill is { } d
                ? new
                {
                    service = d.Service, runbook = d.RunbookId, severity = d.Severity?.ToText(), state = d.State.ToString(), recovered = d.Recovered,
                    started = T(d.DeclaredUtc),
                    durations = new { toTriage = Sec(d.ToTriage), toApprove = Sec(d.ToApprove), toMitigate = Sec(d.ToMitigate), toRecover = Sec(d.ToRecover) },
                    approvers = d.Approvers, failures = d.Failures.Select(C),
                }
                : null,
            changes = new
            {
                recent = review.RecentChanges.Select(Change),
                suspect = review.SuspectChange is { } suspect ? Change(suspect) : null,
                moved = review.Moves.Select(x => new { attempt = x.Attempt, option = x.OptionId, layer = x.Layer, from = x.From, to = x.To }),
            },
            decisions = review.Decisions.Select(d => new { at = T(d.AtUtc), by = d.By, kind = d.Kind, text = C(d.Text) }),
            containments = review.Containments.Select(c => new
            {
                attempt = c.Attempt, option = c.OptionId, title = c.Title, kind = c.Kind.ToString().ToLowerInvariant(), layer = c.Layer,
                chosenBy = c.ChosenBy, chosenAt = T(c.ChosenAtUtc), breakGlass = c.BreakGlass, lifts = c.Lifts, approvers = c.Approvers,
                status = c.Status.ToString(), outcome = c.Outcome is null ? null : C(c.Outcome), retries = c.Retries, interruptions = c.Interruptions,
                steps = c.Steps.Select(x => new
                {
                    number = x.Index + 1, id = x.StepId, kind = x.Kind, result = x.Result, detail = C(x.Detail), at = T(x.AtUtc),
                    confirmedBy = x.ConfirmedBy, confirmedAt = T(x.ConfirmedAtUtc),
                }),
                checks = c.Checks.Select(x => new { id = x.CheckId, polls = x.Polls, passes = x.Passes, last = x.LastStatus, detail = C(x.LastDetail), at = T(x.LastAtUtc) }),
                verification = c.Verification is null ? null : C(c.Verification),
            }),
            controlsInForce = review.ControlsInForce,
            learnings = review.Learnings.Select(Item),
            contributingFactors = review.ContributingFactors.Select(Item),
            followUps = review.FollowUps.Select(f => new { text = C(f.Text), owner = f.Owner, due = f.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), by = f.By, at = T(f.AtUtc) }),
            questions = review.Questions.Select(q => new { number = q.Number, question = C(q.Question), answer = q.Answer is { } a ? C(a.Text) : null, by = q.Answer?.By, at = T(q.Answer?.AtUtc) }),
            required = review.Required is { } r
                ? new { severity = r.Severity.ToText(), learnings = r.Learnings, followUpsWithOwner = r.FollowUpsWithOwner, questionsAnswered = r.Answers, missing = r.Missing }
                : null,
            events = events.Zip(review.Timeline).Select(x => new
            {
                seq = x.First.Seq,
                eventId = x.First.EventId,
                time = EvidenceHasher.FormatTime(x.First.OccurredUtc),
                actor = x.First.Actor,
                surface = x.First.Surface,
                type = x.First.Type,
                summary = C(x.Second.Text),
                payload = JsonDocument.Parse(x.First.PayloadJson).RootElement,
                runbookVersion = x.First.RunbookVersion,
                prevHash = x.First.PrevHash,
                hash = x.First.Hash,
            }),
        }, Indented);
    }

    private static object Change(ChangeRecord c) =>
        new { seq = c.Seq, layer = c.Layer, version = c.Version, deployedBy = c.DeployedBy, deployedAt = T(c.DeployedUtc), approved = c.Approved, note = C(c.Note) };

    private static object Item(ReviewItem i) => new { text = C(i.Text), by = i.By, at = T(i.AtUtc) };

    private static string C(string text) => UntrustedText.Clean(text);

    private static string? T(DateTimeOffset? t) => t is { } v ? EvidenceHasher.FormatTime(v) : null;

    private static double? Sec(TimeSpan? d) => d?.TotalSeconds;
}
