using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Readiness;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Readiness;

/// <summary>
/// A governance and runbook set-up for the service <c>checkout</c> on which every readiness point passes; each test
/// breaks one thing. The runbook is real YAML through the real loader.
/// </summary>
internal sealed class ReadinessScenario
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    public const string DeployOrigin = "http://127.0.0.1:9";

    public const string Rollback = """
          - id: rollback-prompt
            title: Roll the prompt back
            kind: rollback
            layer: prompt
            approval:
              required: 1
              groups: [approvers]
              by_severity: {sev1: 2}
              break_glass: {allowed: true, severities: [sev1]}
            steps:
              - id: deploy
                kind: http
                title: Deploy the previous prompt
                idempotent: true
                http:
                  method: POST
                  url: "{{settings.deploy_url}}/deploy"
              - id: move-back
                kind: baseline
                title: Record the prompt back
            checks:
              - id: answers-ok
                kind: manual
                title: Answers look right
            fallback: Agents answer from the macro library.
        """;

    public const string Control = """
          - id: force-review
            title: Force human review of refund answers
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: turn-on
                kind: manual
                title: Turn review on
                instructions: Turn review on in the admin console.
            checks:
              - id: held
                kind: manual
                title: Drafts are held
            fallback: Agents pick refund conversations up directly.
        """;

    public const string Manual = """
          - id: agents-answer
            title: Agents answer by hand
            kind: manual
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: tell
                kind: manual
                title: Tell the support floor
                instructions: Post in the support channel.
            checks:
              - id: done
                kind: manual
                title: Agents answer
            fallback: Agents answer from the macro library.
        """;

    public List<string> Options { get; } = [Rollback, Control, Manual];
    public string SignalLabels { get; set; } = "{alertname: CheckoutErrors}";
    public List<Runbook> ExtraRunbooks { get; } = [];
    public List<Runbook> EarlierRunbooks { get; } = [];

    public GovernanceOptions Governance { get; } = new()
    {
        ResponderGroups = ["oncall", "approvers"],
        People =
        [
            Person("alice", "oncall"),
            Person("bob", "approvers"),
            Person("carol", "approvers"),
            Person("erin", "approvers"),
            Person("mia", "incident-managers"),
        ],
    };

    public List<string> Surfaces { get; } = ["console", "slack"];

    public List<ChangeRecord> Changes { get; } =
    [
        new("checkout", "prompt", "p1", "release-bot", Now.AddDays(-10), true, "approved by carol (CHG-1)", 1),
        new("checkout", "prompt", "p2", "release-bot", Now.AddDays(-2), true, "approved by bob (CHG-2)", 2),
    ];

    public EngineOptions Engine { get; } = new() { EscalationGroups = ["incident-managers"], DefaultRunbook = "" };

    public ExecutionSettings Execution { get; } = new() { Settings = new() { ["deploy_url"] = DeployOrigin } };

    public EvidenceFacts Evidence { get; set; } = new("sqlite /data/incidentbot.db", EvidenceAuditOutcome.Intact,
        "ok: 12 events in 2 chains", "/keys/evidence-signing.key", true, false, 12, Now.AddDays(-10),
        new Dictionary<string, ExportCheck> { ["checkout"] = new("INC-1", ["md", "json", "csv", "html"], null) });

    public List<EndpointProbe> Probes { get; } = [new(DeployOrigin, true, "HTTP 404")];

    public Dictionary<string, DrillReport?> Drills { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["checkout"] = new DrillReport("INC-2", "checkout", "checkout-rollback", Severity.Sev2, IncidentState.Recovered, Now.AddDays(-10),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(12), ["bob"], []),
    };

    public TimeSpan DrillMaxAge { get; set; } = TimeSpan.FromDays(90);

    public static PersonOptions Person(string id, string group, bool slack = true) => new()
    {
        Id = id,
        Groups = [group],
        Identities = slack ? new(StringComparer.OrdinalIgnoreCase) { ["slack"] = "U" + id.ToUpperInvariant() } : new(StringComparer.OrdinalIgnoreCase),
    };

    public Runbook Runbook()
    {
        var yaml = $"""
            id: checkout-rollback
            title: Checkout assistant misbehaves
            version: "1"
            applies_to:
              services: [checkout]
              signal_labels: {SignalLabels}
            triage:
              - What changed?
            containment:
            {string.Join("\n", Options.Select(o => string.Join("\n", o.Split('\n').Select(l => "    " + l))))}
            review:
              questions: [What changed?]
            """;
        var loaded = RunbookLoader.Load(yaml, "checkout-rollback.yaml");
        Assert.True(loaded.Runbook is not null, string.Join("\n", loaded.Problems));
        return loaded.Runbook!;
    }

    public ReadinessInputs Inputs() => new([.. EarlierRunbooks, Runbook(), .. ExtraRunbooks], Governance, Surfaces, Changes, Engine, Execution, Evidence, Probes, Drills, Now, DrillMaxAge);

    public ServiceReadiness Assess(string service = "checkout") =>
        Assert.Single(ReadinessAssessor.Assess(Inputs(), service).Services);

    public ReadinessPoint Point(int number, string service = "checkout") => Assess(service).Points[number - 1];

    public static Runbook Load(string yaml)
    {
        var loaded = RunbookLoader.Load(yaml, "extra.yaml");
        Assert.True(loaded.Runbook is not null, string.Join("\n", loaded.Problems));
        return loaded.Runbook!;
    }
}
