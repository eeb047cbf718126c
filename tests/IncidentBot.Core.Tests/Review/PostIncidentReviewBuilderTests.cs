using IncidentBot.Core.Export;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Review;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Metrics;

namespace IncidentBot.Core.Tests.Review;

/// <summary>The draft review of hand-built streams: each section, and each time and duration asserted against the
/// events it comes from.</summary>
public sealed class PostIncidentReviewBuilderTests
{
    private static readonly DateTimeOffset Start = ReviewStreams.Start;

    private static PostIncidentReview Draft(StreamBuilder stream, string? seal = "seal-1") =>
        PostIncidentReviewBuilder.Build(ReviewStreams.Hashed(stream.Events), ReviewStreams.Template, ReviewStreams.Changes, seal)!;

    [Fact]
    public void Build_WholeIncident_SummaryTimesAreTheEventsTimes()
    {
        var review = Draft(ReviewStreams.Whole());

        var s = review.Summary;
        var m = s.Milestones;
        Assert.Equal(("INC-1", "Assistant promises refunds", "assistant", IncidentState.Closed), (s.Id, s.Title, s.Service, s.State));
        Assert.Equal(Severity.Sev2, s.Severity);
        Assert.Equal(new SeverityChange(Severity.Sev3, Severity.Sev2, "bob", Start.AddSeconds(60)), Assert.Single(s.SeverityChanges));
        Assert.Equal(("system", "rb@1#abc", "https://alerts.example/1"), (s.Commander, s.RunbookVersion, s.AlertLink));
        Assert.Equal(Start.AddSeconds(-120), m.FirstSignalUtc);      // the alert's startsAt, not when it arrived
        Assert.Equal(Start, m.DeclaredUtc);
        Assert.Equal((Start.AddSeconds(60), "bob"), (m.AcknowledgedUtc, m.AcknowledgedBy));
        Assert.Equal(Start.AddSeconds(60), m.TriagedUtc);
        Assert.Equal(Start.AddSeconds(90), m.ContainmentChosenUtc);
        Assert.Equal(Start.AddSeconds(210), m.ApprovedUtc);          // the second approval completed the quorum of two
        Assert.Equal(Start.AddSeconds(222), m.MitigatedUtc);
        Assert.Equal(Start.AddSeconds(402), m.RecoveredUtc);
        Assert.Equal(Start.AddSeconds(500), m.ReviewStartedUtc);
        Assert.Equal(Start.AddSeconds(600), m.ClosedUtc);
    }

    [Fact]
    public void Build_WholeIncident_DurationsAreDifferencesOfThoseEvents()
    {
        var m = Draft(ReviewStreams.Whole()).Summary.Milestones;

        Assert.Equal(TimeSpan.FromSeconds(60), m.ToAcknowledge);     // declared 0 → bob's triage 60
        Assert.Equal(TimeSpan.FromSeconds(120), m.ToApprove);        // chosen 90 → quorum 210
        Assert.Equal(TimeSpan.FromSeconds(222), m.ToMitigate);       // declared 0 → ExecutionSucceeded 222
        Assert.Equal(TimeSpan.FromSeconds(402), m.ToRecover);        // declared 0 → VerificationPassed 402
        Assert.Equal(TimeSpan.FromSeconds(600), m.Total);            // declared 0 → closed 600
        Assert.Equal(Start.AddSeconds(-120), m.ImpactStartUtc);
        Assert.Equal(TimeSpan.FromSeconds(522), m.Impact);           // startsAt -120 → recovered 402
    }

    [Fact]
    public void Build_WholeIncident_AgreesWithTheMetrics()
    {
        var stream = ReviewStreams.Whole().Events;

        var m = Draft(ReviewStreams.Whole()).Summary.Milestones;
        var timings = Core.Metrics.IncidentMetrics.Measure("INC-1", stream)!;

        Assert.Equal((timings.ToAcknowledge, timings.ToApprove, timings.ToMitigate, timings.ToRecover), (m.ToAcknowledge, m.ToApprove, m.ToMitigate, m.ToRecover));
    }

    [Fact]
    public void Build_WholeIncident_WhatChangedNamesTheChangeTriagePointedAtAndTheMove()
    {
        var review = Draft(ReviewStreams.Whole());

        Assert.Equal(["prompt-v42", "model-v3", "prompt-v41"], review.RecentChanges.Select(c => c.Version));
        Assert.Equal("prompt-v42", review.SuspectChange?.Version);
        Assert.Equal(new ReviewMove(1, "rollback-prompt", "prompt", "prompt-v42", "prompt-v41"), Assert.Single(review.Moves));
        Assert.Equal("prompt: prompt-v41 → prompt-v42 by dan at 2026-12-01 08:30:00 (NOT approved) — tone tweak",
            ReviewFormat.Change(review.SuspectChange!, review.RecentChanges));
    }

    [Fact]
    public void Build_WholeIncident_DecisionsNameWhoChoseWhoApprovedAndWhoWasRefused()
    {
        var review = Draft(ReviewStreams.Whole());

        Assert.Equal([("bob", "chose"), ("dave", "refused"), ("carol", "approved"), ("erin", "approved")], review.Decisions.Select(d => (d.By, d.Kind)));
        Assert.Equal("REFUSED approve: dave is not in an approver group", review.Decisions[1].Text);
        Assert.Equal("2026-12-01 09:01:40 dave: REFUSED approve: dave is not in an approver group", ReviewFormat.Decision(review.Decisions[1]));
        var c = Assert.Single(review.Containments);
        Assert.Equal(["carol", "erin"], c.Approvers);
        Assert.Equal(("bob", Start.AddSeconds(90), ContainmentStatus.Executed), (c.ChosenBy, c.ChosenAtUtc, c.Status));
    }

    [Fact]
    public void Build_WholeIncident_PathAndEffectHasStepsChecksNamedOnceAndTheVerdict()
    {
        var c = Assert.Single(Draft(ReviewStreams.Whole()).Containments);

        Assert.Equal([("deploy", "done"), ("tell-support", "handed to people")], c.Steps.Select(s => (s.StepId, s.Result)));
        Assert.Null(c.Steps[1].ConfirmedBy);                          // automatic checks do not confirm what people did
        var check = Assert.Single(c.Checks);
        Assert.Equal(("error-rate", 3, 2, "pass", Start.AddSeconds(402)), (check.CheckId, check.Polls, check.Passes, check.LastStatus, check.LastAtUtc));
        Assert.Equal("passed: Error rate: 2 pass(es) in a row", c.Verification);
        Assert.Equal((0, 0), (c.Retries, c.Interruptions));
    }

    [Fact]
    public void Build_WholeIncident_ReviewSectionsAndSeal()
    {
        var events = ReviewStreams.Hashed(ReviewStreams.Whole().Events);
        var review = PostIncidentReviewBuilder.Build(events, ReviewStreams.Template, ReviewStreams.Changes, "seal-1")!;

        Assert.Equal(("Prompt changes need a canary", "bob"), (Assert.Single(review.Learnings).Text, review.Learnings[0].By));
        Assert.Equal("No approval on prompt changes", Assert.Single(review.ContributingFactors).Text);
        var f = Assert.Single(review.FollowUps);
        Assert.Equal(("Add a canary for prompts", "carol", new DateOnly(2026, 12, 15)), (f.Text, f.Owner, f.Due));
        Assert.Equal([(1, "prompt-v42 told users refunds were automatic"), (2, null)], review.Questions.Select(q => (q.Number, q.Answer?.Text)));
        Assert.Equal(new ReviewCloseRequirement(Severity.Sev2, 1, 1, [], Answers: 0, Questions: 2), review.Required! with { Missing = [] });
        Assert.Empty(review.Required!.Missing);
        Assert.Equal(new ReviewSeal("seal-1", events[^1].Hash, events.Count), review.Seal);
        Assert.Equal(events.Select(e => e.Hash), review.Timeline.Select(t => t.Hash));
    }

    [Fact]
    public void Build_FollowUpWithoutOwnerAtSev2_RequiredNamesWhatIsMissing()
    {
        var review = Draft(ReviewStreams.Whole(followUpOwner: null));

        Assert.Equal(["1 follow-up with an owner (has 0)"], review.Required!.Missing);
        Assert.Contains("missing 1 follow-up with an owner", ReviewFormat.Required(review.Required), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NotRecovered_ImpactWindowIsOpenEnded()
    {
        var stream = new StreamBuilder("INC-2")
            .At(0, "alice", new IncidentDeclared("Slow", Severity.Sev3, "svc", "rb", "h", "rb@1", "alice", "console", null))
            .At(30, "bob", new NoteAdded("looking"));

        var review = PostIncidentReviewBuilder.Build(stream.Events, null, [], null)!;

        var m = review.Summary.Milestones;
        Assert.Equal((Start, (TimeSpan?)null, (DateTimeOffset?)null), (m.ImpactStartUtc, m.Impact, m.FirstSignalUtc));
        Assert.Equal(TimeSpan.FromSeconds(30), m.ToAcknowledge);
        Assert.Contains("not recovered yet (open-ended, from the declaration)", ReviewFormat.ImpactWindow(review), StringComparison.Ordinal);
        Assert.Null(review.Required);
        Assert.Null(review.SuspectChange);
    }

    [Fact]
    public void Build_ManualStepThenRecoveryConfirmed_ReadsConfirmedByThatPerson()
    {
        var stream = new StreamBuilder("INC-3")
            .At(0, "alice", new IncidentDeclared("Bad answers", Severity.Sev2, "svc", "rb", "h", "rb@1", "alice", "console", null))
            .At(10, "alice", new IncidentTriaged(Severity.Sev2, ["prompt"]))
            .At(20, "alice", new ContainmentChosen(1, "manual", "Manual", ContainmentKind.Manual, "workflow", 0, [], false, null, null))
            .At(21, "system", new StepCompleted(1, 0, "people", "manual", true, "Handed to people: answer by hand", null, null))
            .At(22, "system", new ExecutionSucceeded(1, "manual", "1 step"))
            .At(300, "bob", new RecoveryConfirmed("queue drained"));

        var review = PostIncidentReviewBuilder.Build(stream.Events, null, [], null)!;

        var step = Assert.Single(Assert.Single(review.Containments).Steps);
        Assert.Equal(("handed to people", "bob", Start.AddSeconds(300)), (step.Result, step.ConfirmedBy, step.ConfirmedAtUtc));
        Assert.Equal("step 1 people (manual): handed to people; confirmed by bob at 2026-12-01 09:05:00 — answer by hand",
            ReviewFormat.Step(step));
        Assert.Equal("step 1 people (manual) handed to people: answer by hand", TimelineText.Describe(
            new StepCompleted(1, 0, "people", "manual", true, "Handed to people: answer by hand", null, null)));
        Assert.Equal(Start.AddSeconds(300), review.Summary.Milestones.RecoveredUtc);
    }

    [Fact]
    public void Build_NoDeclaration_IsNull() =>
        Assert.Null(PostIncidentReviewBuilder.Build(new StreamBuilder("INC-4").At(0, "bob", new NoteAdded("x")).Events, null, [], null));
}
