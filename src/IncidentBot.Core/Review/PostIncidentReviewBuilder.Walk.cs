using IncidentBot.Core.Evidence;
using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Review;

public static partial class PostIncidentReviewBuilder
{
    /// <summary>One pass over the events collecting what the folded incident does not keep: who decided what and when,
    /// each step's result, each check's polls, severity changes and the timeline sentences.</summary>
    private sealed class Walk
    {
        private readonly Dictionary<int, SortedDictionary<int, ReviewStep>> steps = [];
        private readonly Dictionary<int, Dictionary<string, ReviewCheck>> checks = [];
        private readonly Dictionary<int, (int Retries, int Interruptions, string? Verification)> runs = [];
        private readonly Dictionary<int, DateTimeOffset> chosenAt = [];
        private Severity? severity;
        private int attempt;

        public List<SeverityChange> SeverityChanges { get; } = [];
        public List<ReviewDecision> Decisions { get; } = [];
        public List<ReviewTimelineEntry> Timeline { get; } = [];
        public string? AlertLink { get; private set; }

        public void Add(EvidenceEvent e, IncidentEvent? payload)
        {
            Timeline.Add(new ReviewTimelineEntry(e.Seq, e.OccurredUtc, e.Actor, e.Surface, e.Type, TimelineText.Describe(payload), e.Hash));
            var at = e.OccurredUtc;
            switch (payload)
            {
                case IncidentDeclared d:
                    severity = d.Severity;
                    break;
                case IncidentTriaged t when t.Severity != severity:
                    SeverityChanges.Add(new SeverityChange(severity, t.Severity, e.Actor, at));
                    severity = t.Severity;
                    break;
                case SignalReceived { Link: { } link } when AlertLink is null:
                    AlertLink = link;
                    break;
                case ContainmentChosen c:
                    attempt = c.Attempt;
                    chosenAt[c.Attempt] = at;
                    Decisions.Add(new ReviewDecision(at, e.Actor, c.Lifts ? "lift" : c.BreakGlass ? "break-glass" : "chose", TimelineText.Describe(c)));
                    break;
                case ApprovalGranted a:
                    Decisions.Add(new ReviewDecision(at, e.Actor, a.AfterTheFact ? "approved after the fact" : "approved", TimelineText.Describe(a)));
                    break;
                case ContainmentRejected r:
                    Decisions.Add(new ReviewDecision(at, e.Actor, "rejected", TimelineText.Describe(r)));
                    break;
                case ApprovalExpired x:
                    Decisions.Add(new ReviewDecision(at, e.Actor, "expired", TimelineText.Describe(x)));
                    break;
                case CommandRefused r:
                    Decisions.Add(new ReviewDecision(at, e.Actor, "refused", TimelineText.Describe(r)));
                    break;
                case StepStarted s:
                    Step(s.Attempt)[s.Index] = new ReviewStep(s.Index, s.StepId, s.Kind, "started", "", at);
                    break;
                case StepCompleted s:
                    Step(s.Attempt)[s.Index] = TimelineText.IsHandedToPeople(s)
                        ? new ReviewStep(s.Index, s.StepId, s.Kind, "handed to people", TimelineText.WithoutHandedPrefix(s.Summary), at)
                        : new ReviewStep(s.Index, s.StepId, s.Kind, s.Succeeded ? "done" : "failed", s.Summary, at);
                    break;
                case ExecutionFailed f:
                    if (f.InterruptedAt is not null) Run(f.Attempt, r => r with { Interruptions = r.Interruptions + 1 });
                    break;
                case ExecutionRetried r:
                    Run(r.Attempt, x => x with { Retries = x.Retries + 1 });
                    break;
                case ExecutionContinued r when Step(r.Attempt).TryGetValue(r.SkippedStep, out var skipped):
                    Step(r.Attempt)[r.SkippedStep] = skipped with { Result = "done by hand", ConfirmedBy = e.Actor, ConfirmedAtUtc = at };
                    Run(r.Attempt, x => x with { Retries = x.Retries + 1 });
                    break;
                case CheckPolled p:
                    Poll(p, at);
                    break;
                case VerificationPassed v:
                    Run(attempt, x => x with { Verification = "passed: " + v.Detail });
                    break;
                case VerificationFailed v:
                    Run(attempt, x => x with { Verification = $"failed ({v.CheckId}): {v.Detail}" });
                    break;
                case VerificationInconclusive v:
                    Run(attempt, x => x with { Verification = $"inconclusive ({v.CheckId}): {v.Detail}" });
                    break;
                case RecoveryConfirmed r:
                    Run(attempt, x => x with { Verification = $"recovery confirmed by {e.Actor}" + (string.IsNullOrWhiteSpace(r.Note) ? "" : $": {r.Note}") });
                    ConfirmHandedSteps(attempt, e.Actor, at);
                    break;
            }
        }

        public ReviewContainment Containment(Containment c)
        {
            var run = runs.GetValueOrDefault(c.Attempt);
            return new ReviewContainment(c.Attempt, c.OptionId, c.OptionTitle, c.Kind, c.Layer, c.ChosenBy, chosenAt.GetValueOrDefault(c.Attempt),
                c.BreakGlass, c.Lifts, c.Approvers, c.Status, c.Outcome, [.. Step(c.Attempt).Values],
                run.Retries, run.Interruptions, checks.TryGetValue(c.Attempt, out var polled) ? [.. polled.Values] : [], run.Verification);
        }

        private void ConfirmHandedSteps(int onAttempt, string by, DateTimeOffset at)
        {
            var list = Step(onAttempt);
            foreach (var (i, s) in list.Where(x => x.Value is { Result: "handed to people", ConfirmedBy: null }).ToList())
                list[i] = s with { ConfirmedBy = by, ConfirmedAtUtc = at };
        }

        private void Poll(CheckPolled p, DateTimeOffset at)
        {
            if (!checks.TryGetValue(p.Attempt, out var byId)) checks[p.Attempt] = byId = new Dictionary<string, ReviewCheck>(StringComparer.Ordinal);
            var before = byId.GetValueOrDefault(p.CheckId);
            byId[p.CheckId] = new ReviewCheck(p.CheckId, (before?.Polls ?? 0) + 1, (before?.Passes ?? 0) + (p.Status == "pass" ? 1 : 0), p.Status, p.Detail, at);
        }

        private SortedDictionary<int, ReviewStep> Step(int onAttempt)
        {
            if (!steps.TryGetValue(onAttempt, out var list)) steps[onAttempt] = list = [];
            return list;
        }

        private void Run(int onAttempt, Func<(int Retries, int Interruptions, string? Verification), (int Retries, int Interruptions, string? Verification)> change) =>
            runs[onAttempt] = change(runs.GetValueOrDefault(onAttempt));
    }
}
