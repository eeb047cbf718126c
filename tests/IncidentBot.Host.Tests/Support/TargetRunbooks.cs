namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// A temporary runbooks folder: the shipped runbooks plus <c>test-target.yaml</c>, whose http steps and checks call
/// <c>{{settings.target}}</c> (a <see cref="LoopbackTarget"/>). Every option needs one approval from <c>approvers</c>
/// (bob). Deleted on dispose.
/// </summary>
public sealed class TargetRunbooks : IDisposable
{
    public const string Id = "test-target";

    private const string Yaml = """
        id: test-target
        title: Test runbook whose steps and checks call a loopback stand-in
        version: "1"
        applies_to:
          services: [target-api]
        triage:
          - What changed?
        containment:
          - id: flaky-call
            title: Call an idempotent endpoint that fails twice first
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: call
                kind: http
                title: Call the flaky endpoint
                idempotent: true
                timeout_seconds: 20
                http: {method: POST, url: "{{settings.target}}/flaky", headers: {X-Control-Enabled: "{{control.enabled}}"}, body: "{\"incident\":\"{{incident.id}}\"}"}
            fallback: Flip it by hand.
          - id: slow-call
            title: Call an endpoint slower than the step allows
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: call
                kind: http
                title: Call the slow endpoint
                timeout_seconds: 1
                http: {method: POST, url: "{{settings.target}}/slow", headers: {X-Control-Enabled: "{{control.enabled}}"}}
            fallback: Flip it by hand.
          - id: dead-call
            title: Call a host that is down
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: call
                kind: http
                title: Call the dead endpoint
                idempotent: true
                timeout_seconds: 20
                http: {method: POST, url: "{{settings.target}}/dead", headers: {X-Control-Enabled: "{{control.enabled}}"}}
            fallback: Flip it by hand.
          - id: once-call
            title: Call a non-idempotent endpoint that fails
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: call
                kind: http
                title: Call the failing endpoint once
                timeout_seconds: 20
                http: {method: POST, url: "{{settings.target}}/once", headers: {X-Control-Enabled: "{{control.enabled}}"}}
            fallback: Flip it by hand.
          - id: held-call
            title: Call a non-idempotent endpoint that takes its time
            kind: control
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: hold
                kind: http
                title: Call the slow deploy endpoint
                timeout_seconds: 60
                http: {method: POST, url: "{{settings.target}}/hold", headers: {X-Control-Enabled: "{{control.enabled}}"}}
            fallback: Flip it by hand.
          - id: verify-passes
            title: Pause the path and watch the error rate for two passes
            kind: pause
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: pause
                kind: manual
                title: Pause the path
                instructions: Pause it in the console.
            checks:
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 1
                window_seconds: 60
                consecutive_passes: 2
                prometheus: {base_url: "{{settings.target}}", query: error_rate, comparison: "<", threshold: 0.05}
            fallback: Flip it by hand.
          - id: verify-window
            title: Pause the path and give the error rate two seconds
            kind: pause
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: pause
                kind: manual
                title: Pause the path
                instructions: Pause it in the console.
            checks:
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 1
                window_seconds: 2
                consecutive_passes: 1
                prometheus: {base_url: "{{settings.target}}", query: error_rate, comparison: "<", threshold: 0.05}
            fallback: Flip it by hand.
          - id: verify-three
            title: Pause the path and watch the error rate for three passes
            kind: pause
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: pause
                kind: manual
                title: Pause the path
                instructions: Pause it in the console.
            checks:
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 1
                window_seconds: 120
                consecutive_passes: 3
                prometheus: {base_url: "{{settings.target}}", query: error_rate, comparison: "<", threshold: 0.05}
            fallback: Flip it by hand.
          - id: verify-slow
            title: Pause the path and watch the error rate once a minute
            kind: pause
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: pause
                kind: manual
                title: Pause the path
                instructions: Pause it in the console.
            checks:
              - id: error-rate
                kind: prometheus
                title: Error rate below 5 %
                interval_seconds: 60
                window_seconds: 600
                consecutive_passes: 2
                prometheus: {base_url: "{{settings.target}}", query: error_rate, comparison: "<", threshold: 0.05}
            fallback: Flip it by hand.
        review:
          questions:
            - Why was it needed?
        """;

    public TargetRunbooks()
    {
        Directory = RepoPaths.CopyRunbooks();
        File.WriteAllText(Path.Combine(Directory, Id + ".yaml"), Yaml);
    }

    /// <summary>The folder (<c>Runbooks:Directory</c>).</summary>
    public string Directory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }
}
