using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Tests.Metrics;

namespace IncidentBot.Core.Tests.Review;

/// <summary>A whole alert-opened incident written as events by hand (seconds after <see cref="StreamBuilder.Start"/>),
/// and the change log before it: a prompt change nobody approved, then a rollback with two approvals, automatic
/// verification, the review and the close.</summary>
internal static class ReviewStreams
{
    public static readonly DateTimeOffset Start = StreamBuilder.Start;

    public static readonly ReviewTemplate Template = new(["What failed?", "What did we learn?"],
        new Dictionary<Severity, ReviewRequirement> { [Severity.Sev2] = new(1, 1) });

    public static readonly IReadOnlyList<ChangeRecord> Changes =
    [
        new("assistant", "prompt", "prompt-v42", "dan", Start.AddMinutes(-30), false, "tone tweak", 3),
        new("assistant", "model", "model-v3", "pipeline", Start.AddHours(-2), true, "", 2),
        new("assistant", "prompt", "prompt-v41", "erin", Start.AddHours(-5), true, "", 1),
    ];

    public static ContainmentChosen Rollback => new(1, "rollback-prompt", "Roll back the prompt", ContainmentKind.Rollback, "prompt", 2,
        ["approvers"], false, "prompt-v42", "prompt-v41");

    /// <summary>Up to and including verification; <paramref name="reviewAndClose"/> adds the review and the close.</summary>
    public static StreamBuilder Whole(bool reviewAndClose = true, string? followUpOwner = "carol")
    {
        var s = new StreamBuilder("INC-1")
            .At(0, "system", new IncidentDeclared("Assistant promises refunds", Severity.Sev3, "assistant", "rb", "hash", "rb@1#abc", "system", "api", null))
            .At(0, "system", new SignalReceived("alertmanager", "g1", "firing", "Assistant promises refunds", new Dictionary<string, string>(),
                Start.AddSeconds(-120), "https://alerts.example/1"))
            .At(60, "bob", new IncidentTriaged(Severity.Sev2, ["prompt"]))
            .At(90, "bob", Rollback)
            .At(100, "dave", new CommandRefused("approve", "Approve", "/incident approve INC-1", "dave is not in an approver group"))
            .At(150, "carol", new ApprovalGranted(1, "rollback-prompt", "ok", false))
            .At(210, "erin", new ApprovalGranted(1, "rollback-prompt", "", false))
            .At(215, "system", new StepStarted(1, 0, "deploy", "http", true))
            .At(220, "system", new StepCompleted(1, 0, "deploy", "http", true, "POST /deploy -> 200", "prompt-v42", "prompt-v41"))
            .At(221, "system", new StepCompleted(1, 1, "tell-support", "manual", true, "Handed to people: tell support to check refunds", null, null))
            .At(222, "system", new ExecutionSucceeded(1, "rollback-prompt", "2 steps"))
            .At(282, "system", new CheckPolled(1, "error-rate", "fail", "error_rate = 0.2, not < 0.05", 0))
            .At(342, "system", new CheckPolled(1, "error-rate", "pass", "error_rate = 0.01 < 0.05", 1))
            .At(402, "system", new CheckPolled(1, "error-rate", "pass", "error_rate = 0.01 < 0.05", 2))
            .At(402, "system", new VerificationPassed("Error rate: 2 pass(es) in a row"));
        if (!reviewAndClose) return s;
        return s.At(500, "bob", new ReviewStarted(["What failed?", "What did we learn?"]))
            .At(520, "bob", new LearningRecorded("Prompt changes need a canary"))
            .At(530, "bob", new ContributingFactorRecorded("No approval on prompt changes"))
            .At(540, "carol", new QuestionAnswered(1, "What failed?", "prompt-v42 told users refunds were automatic"))
            .At(550, "bob", new FollowUpAdded("Add a canary for prompts", followUpOwner, new DateOnly(2026, 12, 15)))
            .At(600, "bob", new IncidentClosed("closed"));
    }

    public static IReadOnlyList<EvidenceEvent> Hashed(IReadOnlyList<EvidenceEvent> events) =>
        events.Select((e, i) => e with { Hash = $"{i + 1:x64}", PrevHash = i == 0 ? "" : $"{i:x64}" }).ToList();
}
