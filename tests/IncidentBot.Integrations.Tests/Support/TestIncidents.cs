using IncidentBot.Core.Evidence;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;
using IncidentBot.Core.Verification;

namespace IncidentBot.Integrations.Tests.Support;

/// <summary>An incident in execution (folded from real events) and the step and check contexts around it.</summary>
public static class TestIncidents
{
    public static Incident Executing(string id = "INC-7", string from = "v41", string to = "v40", int attempt = 1, bool drill = false)
    {
        IncidentEvent[] events =
        [
            new IncidentDeclared("Checkout errors", Severity.Sev2, "checkout-api", "service-release", new string('a', 64), "1", "alice", "slack", null,
                drill ? true : null),
            new ContainmentChosen(attempt, "rollback-release", "Roll back the release", ContainmentKind.Rollback, "release", 0, [], false, from, to),
        ];
        var stored = events.Select((e, i) => new EvidenceEvent(id, i + 1, Guid.NewGuid().ToString(), EventCodec.TypeName(e), "alice", "slack",
            DateTimeOffset.UtcNow, EventCodec.Serialize(e), null, new string('0', 64), new string('0', 64)));
        return Incident.FromEvents(id, stored)!;
    }

    public static ExecutionStep HttpStep(string method, string url, string? body = null, bool idempotent = false, int timeoutSeconds = 5,
        IReadOnlyDictionary<string, string>? headers = null, string id = "call-deploy") =>
        new(id, "http", "Call the deploy API", idempotent, timeoutSeconds, null,
            new HttpStepSpec(method, url, headers ?? new Dictionary<string, string>(), body));

    public static StepContext Step(ExecutionStep step, Incident? incident = null)
    {
        incident ??= Executing();
        var option = new ContainmentOption("rollback-release", "Roll back the release", ContainmentKind.Rollback, "release", "",
            new ApprovalPolicy(0, [], new Dictionary<Severity, int>(), BreakGlassPolicy.Never), [step], [], "Hold orders.");
        return new StepContext(incident, incident.Current!, option, step, 0);
    }

    public static CheckContext Check(HttpCheckSpec? http = null, PrometheusCheckSpec? prometheus = null,
        IReadOnlyDictionary<string, string>? extra = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var incident = Executing();
        var values = TemplateValues.For(incident, incident.Current, settings ?? new Dictionary<string, string>(), extra ?? new Dictionary<string, string>());
        var kind = http is not null ? "http" : "prometheus";
        return new CheckContext(incident, new VerificationCheck("recovered", kind, "Recovered", 15, 300, 1, http, prometheus), values);
    }
}
