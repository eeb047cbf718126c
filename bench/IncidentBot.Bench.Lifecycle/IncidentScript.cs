using System.Text.Json.Nodes;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// One incident's whole life in exactly <see cref="Length"/> events, recorded by the new code (<see cref="Incident.Record"/>,
/// so every lifecycle event carries <c>"moved"</c>): declare, triage, a containment that needs one approval, the
/// approval, four steps, success, then verification noise (check polls, notes, monitoring signals), verification
/// passed, the review with learnings, follow-ups and factors. Ends in <see cref="IncidentState.InReview"/>.
/// </summary>
public static class IncidentScript
{
    /// <summary>The incident's id.</summary>
    public const string Id = "INC-1";

    /// <summary>How many events the incident has.</summary>
    public const int Length = 1_000;

    /// <summary>How many of the first events bring the incident to <see cref="IncidentState.AwaitingApproval"/>.</summary>
    public const int ToAwaitingApproval = 3;

    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The events as stored by the new code (payloads carry their recorded moves).</summary>
    public static IReadOnlyList<StoredEvent> Recorded() => Record(Events());

    /// <summary>The same events with <c>"moved"</c> taken out of every payload, as events stored before moves were
    /// recorded (the new fold decides those again).</summary>
    public static IReadOnlyList<StoredEvent> WithoutMoves(IReadOnlyList<StoredEvent> recorded) =>
        [.. recorded.Select(e => e with { PayloadJson = StripMove(e.PayloadJson) })];

    /// <summary>New-code evidence events for <paramref name="events"/>.</summary>
    public static EvidenceEvent[] AsEvidence(IReadOnlyList<StoredEvent> events) =>
        [.. events.Select(e => Evidence(e.Seq, e.Type, e.Actor, e.OccurredUtc, e.PayloadJson))];

    private static IReadOnlyList<StoredEvent> Record(IEnumerable<(IncidentEvent Event, string Actor)> script)
    {
        var incident = Incident.Start(Id);
        var stored = new List<StoredEvent>(Length);
        foreach (var (e, actor) in script)
        {
            var seq = stored.Count + 1L;
            var type = EventCodec.TypeName(e);
            var at = Start.AddSeconds(seq * 7);
            var recorded = incident.Record(e, Evidence(seq, type, actor, at, ""));
            stored.Add(new StoredEvent(seq, type, actor, at, EventCodec.Serialize(recorded)));
        }
        if (stored.Count != Length) throw new InvalidOperationException($"The script has {stored.Count} events, not {Length}.");
        if (incident.State != IncidentState.InReview) throw new InvalidOperationException($"The script ends in {incident.State}, not InReview.");
        return stored;
    }

    private static IEnumerable<(IncidentEvent, string)> Events()
    {
        yield return (new IncidentDeclared("Checkout errors after deploy", Severity.Sev2, "checkout", "checkout-api", "hash-1", "v1",
            "alice", "slack", "C0INCIDENT"), "alice");
        yield return (new IncidentTriaged(Severity.Sev2, ["api"]), "alice");
        yield return (new ContainmentChosen(1, "rollback-api", "Roll back the API", ContainmentKind.Rollback, "api", 1, ["sre-leads"],
            false, "2.4.1", "2.4.0"), "alice");
        yield return (new ApprovalGranted(1, "rollback-api", "go", false), "bob");
        for (var step = 0; step < 4; step++)
        {
            yield return (new StepStarted(1, step, $"step-{step}", "http", true), "system");
            yield return (new StepCompleted(1, step, $"step-{step}", "http", true, "200 OK", "2.4.1", "2.4.0"), "system");
        }
        yield return (new ExecutionSucceeded(1, "rollback-api", "rolled back to 2.4.0"), "system");

        const int Tail = 10;
        for (var i = 0; i < Length - 13 - Tail; i++)
        {
            yield return (i % 3) switch
            {
                0 => (new CheckPolled(1, "error-rate", "passing", $"error rate 0.{i % 10}%", i / 3 + 1), "system"),
                1 => (new NoteAdded($"watching dashboards, minute {i}"), i % 2 == 0 ? "alice" : "bob"),
                _ => (new SignalReceived("alertmanager", "checkout/HighErrorRate", i % 2 == 0 ? "firing" : "resolved",
                    "HighErrorRate", new Dictionary<string, string> { ["service"] = "checkout", ["severity"] = "critical" }), "system"),
            };
        }

        yield return (new VerificationPassed("error rate below 1% for 10 polls"), "system");
        yield return (new ReviewStarted(["What happened?", "What went well?"]), "alice");
        for (var i = 0; i < 3; i++) yield return (new LearningRecorded($"learning {i}"), "alice");
        for (var i = 0; i < 3; i++) yield return (new FollowUpAdded($"follow-up {i}", "bob", new DateOnly(2026, 2, 1)), "alice");
        for (var i = 0; i < 2; i++) yield return (new ContributingFactorRecorded($"factor {i}"), "bob");
    }

    private static EvidenceEvent Evidence(long seq, string type, string actor, DateTimeOffset at, string payload) =>
        new(Id, seq, $"00000000-0000-0000-0000-{seq:D12}", type, actor, "slack", at, payload, null, "", "");

    private static string StripMove(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("moved");
        return node.ToJsonString();
    }
}
