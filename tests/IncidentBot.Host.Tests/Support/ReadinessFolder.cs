using IncidentBot.Core.Changes;
using IncidentBot.Core.Evidence;
using IncidentBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Host.Tests.Support;

/// <summary>
/// A temporary folder for readiness tests: one runbook for <c>checkout</c> (rollback with an http step, a control, a
/// manual option) whose deploy URL is <c>{{settings.deploy_url}}/deploy</c>, and configuration under which every
/// point passes or only warns (the signing key sits beside the database by default; no drill yet).
/// </summary>
internal sealed class ReadinessFolder : IDisposable
{
    public const string Runbook = """
        id: checkout-rollback
        title: Checkout assistant misbehaves
        version: "1"
        applies_to:
          services: [checkout]
          signal_labels: {alertname: CheckoutErrors}
        triage:
          - What changed?
        containment:
          - id: rollback-prompt
            title: Roll the prompt back
            kind: rollback
            layer: prompt
            approval:
              required: 1
              groups: [approvers]
            steps:
              - id: deploy
                kind: http
                title: Deploy the previous prompt
                idempotent: true
                http:
                  method: POST
                  url: "{{settings.deploy_url}}/deploy"
            checks:
              - id: answers-ok
                kind: manual
                title: Answers look right
            fallback: Agents answer from the macro library.
          - id: force-review
            title: Force human review
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
        review:
          questions: [What changed?]
        """;

    public ReadinessFolder()
    {
        Directory.CreateDirectory(Runbooks);
        File.WriteAllText(System.IO.Path.Combine(Runbooks, "checkout-rollback.yaml"), Runbook);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("incidentbot-readiness-test-").FullName;

    public string Runbooks => System.IO.Path.Combine(Folder, "runbooks");

    public string DatabasePath => System.IO.Path.Combine(Folder, "evidence.db");

    /// <summary>Settings (as configuration keys) under which checkout is ready, given the deploy endpoint's origin.</summary>
    public Dictionary<string, string?> Settings(string deployUrl) => new()
    {
        ["Runbooks:Directory"] = Runbooks,
        ["Storage:DatabasePath"] = DatabasePath,
        ["Console:Enabled"] = "true",
        ["Engine:DefaultRunbook"] = "",
        ["Engine:EscalationGroups:0"] = "incident-managers",
        ["Executors:Settings:deploy_url"] = deployUrl,
        ["Governance:ResponderGroups:0"] = "oncall",
        ["Governance:People:0:Id"] = "alice", ["Governance:People:0:Groups:0"] = "oncall",
        ["Governance:People:1:Id"] = "bob", ["Governance:People:1:Groups:0"] = "approvers",
        ["Governance:People:2:Id"] = "carol", ["Governance:People:2:Groups:0"] = "approvers",
        ["Governance:People:3:Id"] = "mia", ["Governance:People:3:Groups:0"] = "incident-managers",
    };

    /// <summary>Creates the store and records two approved prompt versions of checkout.</summary>
    public async Task RecordBaselineAsync()
    {
        using var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = DatabasePath }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var log = new ChangeLog(store, store, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        await log.RecordAsync(new ChangeRecord("checkout", "prompt", "p1", "release-bot", now.AddDays(-3), true, "approved by carol (CHG-1)"), "test", Surfaces.Api, CancellationToken.None);
        await log.RecordAsync(new ChangeRecord("checkout", "prompt", "p2", "release-bot", now.AddDays(-1), true, "approved by bob (CHG-2)"), "test", Surfaces.Api, CancellationToken.None);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
