using IncidentBot.Core.Readiness;

namespace IncidentBot.Core.Tests.Readiness;

/// <summary>The seven points on a set-up where each passes, and each failing (or warning) for a known reason.</summary>
public sealed class ReadinessAssessorTests
{
    [Fact]
    public void Assess_ReadySetUp_EveryPointPasses()
    {
        var service = new ReadinessScenario().Assess();

        Assert.Equal("checkout", service.Service);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], service.Points.Select(p => p.Number));
        Assert.All(service.Points, p => Assert.True(p.Verdict == ReadinessVerdict.Pass, $"{p.Number}. {p.Name}: {string.Join(" | ", p.Facts)}"));
        Assert.All(service.Points, p => Assert.Empty(p.Actions));
        Assert.Equal(ReadinessVerdict.Pass, service.Verdict);
    }

    [Fact]
    public void Assess_ReadySetUp_StatesTheFactsBehindEachPoint()
    {
        var points = new ReadinessScenario().Assess().Points;

        Assert.Contains("prompt: live p2 (approved, deployed by release-bot at 2026-11-29 12:00 UTC; note: approved by bob (CHG-2))", points[0].Facts);
        Assert.Contains("prompt: rollback target p1 (approved, deployed by release-bot at 2026-11-21 12:00 UTC; note: approved by carol (CHG-1))", points[0].Facts);
        Assert.Contains("may trigger containment (responders in oncall, approvers): alice, bob, carol, erin", points[1].Facts);
        Assert.Contains("checkout-rollback/rollback-prompt: approvers from approvers (bob, carol, erin); approvals needed: sev1 2, sev2 1, sev3 1, sev4 1", points[1].Facts);
        Assert.Contains("checkout-rollback/rollback-prompt: break-glass by the incident commander (a responder: alice, bob, carol, erin) at sev1, approved after the fact", points[1].Facts);
        Assert.Contains("checkout-rollback: fallback path agents-answer (manual)", points[2].Facts);
        Assert.Contains("checkout-rollback/force-review (control workflow: Force human review of refund answers)", points[3].Facts);
        Assert.Contains("route: {alertname=CheckoutErrors} -> checkout-rollback", points[4].Facts);
        Assert.Contains("dry run: a firing alert {alertname=CheckoutErrors, service=checkout} lands on checkout-rollback", points[4].Facts);
        Assert.Contains("exports: INC-1 renders as md, json, csv, html", points[5].Facts);
        Assert.Contains("retention: the store is append-only and keeps evidence forever; 12 event(s), the oldest from 2026-11-21 12:00 UTC", points[5].Facts);
        Assert.Contains("escalation group incident-managers: mia", points[6].Facts);
        Assert.Contains("http://127.0.0.1:9 answers (HTTP 404); used by checkout-rollback/rollback-prompt step deploy", points[6].Facts);
        Assert.Contains(points[6].Facts, f => f.StartsWith("last drill INC-2 (checkout-rollback, sev2) on 2026-11-21 12:00 UTC, now Recovered: triage 2m 00s, approve 4m 00s, mitigate 9m 00s, recover 12m 00s; approvers bob", StringComparison.Ordinal));
    }

    [Fact]
    public void ApprovedBaseline_NoApprovedPromptVersion_Fails()
    {
        var s = new ReadinessScenario();
        s.Changes[0] = s.Changes[0] with { Approved = false };
        s.Changes[1] = s.Changes[1] with { Approved = false };

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: prompt: no approved version to go back to from p2", point.Facts);
        Assert.Contains("Record an approved prompt version of checkout (POST /api/changes with \"approved\": true) that a rollback can return to.", point.Actions);
    }

    [Fact]
    public void ApprovedBaseline_RunbookRollsBackALayerWithNoVersions_Fails()
    {
        var s = new ReadinessScenario();
        s.Changes.Clear();

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback/rollback-prompt rolls back prompt, but the change log has no prompt version of checkout", point.Facts);
    }

    [Fact]
    public void ApprovedBaseline_LiveUnapprovedWithATargetAndNoApprover_Warns()
    {
        var s = new ReadinessScenario();
        s.Changes[0] = s.Changes[0] with { Note = "" };
        s.Changes[1] = s.Changes[1] with { Approved = false };

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("WARN: prompt: the live version p2 is not approved (a rollback would go to p1)", point.Facts);
        Assert.Contains("WARN: prompt: the approved version p1 does not say who approved it (its note is empty)", point.Facts);
    }

    [Fact]
    public void ApprovedBaseline_OnlyTheApprovedBaselineIsLive_PassesSayingSo()
    {
        var s = new ReadinessScenario();
        s.Changes.RemoveAt(1);

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Pass, point.Verdict);
        Assert.Contains("prompt: the live version p1 is the approved baseline; a rollback of the next change would return to p1", point.Facts);
    }

    [Fact]
    public void ApprovedBaseline_PutBackByARollback_PassesAndTheNextChangeReturnsThere()
    {
        // p2 went bad and a rollback (a drill's, or a real one) put p1 back: p2 is never a target again, p1 is live.
        var s = new ReadinessScenario();
        s.Changes.Add(new("checkout", "prompt", "p1", "incidentbot (INC-4)", ReadinessScenario.Now.AddDays(-1), true, "rollback by INC-4 from p2", 3));

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Pass, point.Verdict);
        Assert.Contains("prompt: the live version p1 is the approved baseline; a rollback of the next change would return to p1", point.Facts);
    }

    [Fact]
    public void ApprovedBaseline_OnlyApprovedVersionWasRolledBackFrom_Fails()
    {
        // p1 is unapproved; p2 (approved) went live and was rolled back from, back to p1: nothing approved to go back to.
        var s = new ReadinessScenario();
        s.Changes[0] = s.Changes[0] with { Approved = false, Note = "" };
        s.Changes.Add(new("checkout", "prompt", "p1", "incidentbot (INC-4)", ReadinessScenario.Now.AddDays(-1), false, "rollback by INC-4 from p2", 3));

        var point = s.Point(1);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: prompt: no approved version to go back to from p1", point.Facts);
    }

    [Fact]
    public void RollbackAuthority_Sev1QuorumTwoWithOneApprover_Fails()
    {
        var s = new ReadinessScenario();
        s.Governance.People.RemoveAll(p => p.Id is "carol" or "erin");

        var point = s.Point(2);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback/rollback-prompt at sev1 needs 2 approver(s) from approvers, but only 1 can approve on console (bob)", point.Facts);
        Assert.Contains("Add people to approvers (Governance:People) or lower the approvals checkout-rollback/rollback-prompt needs at sev1.", point.Actions);
        Assert.Contains("WARN: checkout-rollback/rollback-prompt at sev2, sev3, sev4 needs 1 approver(s) and exactly 1 can approve on console (bob); " +
                        "if one of them chooses the option, the quorum cannot be met (the chooser cannot approve)", point.Facts);
    }

    [Fact]
    public void RollbackAuthority_ApproversNotMappedOnSlack_FailsOnSlackOnly()
    {
        var s = new ReadinessScenario();
        foreach (var p in s.Governance.People.Where(p => p.Id is "carol" or "erin")) p.Identities.Clear();

        var point = s.Point(2);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback/rollback-prompt at sev1 needs 2 approver(s) from approvers, but only 1 can approve on slack (bob)", point.Facts);
        Assert.DoesNotContain(point.Facts, f => f.Contains("on console", StringComparison.Ordinal) && f.StartsWith("FAIL", StringComparison.Ordinal));
    }

    [Fact]
    public void RollbackAuthority_ExactlyTheQuorumWhoAreAlsoResponders_Warns()
    {
        var s = new ReadinessScenario();
        s.Governance.People.RemoveAll(p => p.Id == "erin");

        var point = s.Point(2);

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("WARN: checkout-rollback/rollback-prompt at sev1 needs 2 approver(s) and exactly 2 can approve on console (bob, carol); " +
                        "if one of them chooses the option, the quorum cannot be met (the chooser cannot approve)", point.Facts);
    }

    [Fact]
    public void FallbackWorkflow_NoManualOrPauseOption_Fails()
    {
        var s = new ReadinessScenario();
        s.Options.Remove(ReadinessScenario.Manual);

        var point = s.Point(3);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback: no manual or pause option to fall back on while a rollback runs", point.Facts);
        Assert.Contains("checkout-rollback/rollback-prompt: meanwhile: Agents answer from the macro library.", point.Facts);
    }

    [Fact]
    public void RuntimeControls_NoControlOrPauseOption_Fails()
    {
        var s = new ReadinessScenario();
        s.Options.Remove(ReadinessScenario.Control);

        var point = s.Point(4);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback offers no control or pause option: containment is all or nothing", point.Facts);
    }

    [Fact]
    public void IncidentConnection_ServiceWhoseAlertsMatchNothing_Fails()
    {
        var s = new ReadinessScenario();
        s.Changes.Add(new("billing", "prompt", "b1", "release-bot", ReadinessScenario.Now.AddDays(-1), true, "approved by bob", 3));

        var point = s.Point(5, "billing");

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: dry run: a firing alert {service=billing} lands on no runbook: it would only be recorded", point.Facts);
    }

    [Fact]
    public void IncidentConnection_OnlyTheDefaultRunbook_Warns()
    {
        var s = new ReadinessScenario();
        s.Changes.Add(new("billing", "prompt", "b1", "release-bot", ReadinessScenario.Now.AddDays(-1), true, "approved by bob", 3));
        s.ExtraRunbooks.Add(ReadinessScenario.Load(GeneralRunbook));
        s.Engine.DefaultRunbook = "general";

        var point = s.Point(5, "billing");

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("WARN: dry run: a firing alert {service=billing} matches no runbook and lands only on the default runbook general", point.Facts);
    }

    [Fact]
    public void IncidentConnection_LabelsShadowedByAnotherRunbook_Fails()
    {
        var s = new ReadinessScenario();
        // Both runbooks match the same labels and both list checkout: the one loaded first wins, so ours never does.
        s.SignalLabels = "{alertname: CheckoutErrors, team: payments}";
        var earlier = ReadinessScenario.Load(GeneralRunbook.Replace("id: general", "id: payments-general", StringComparison.Ordinal)
            .Replace("services: []", "services: [checkout]\n  signal_labels: {alertname: CheckoutErrors, team: payments}", StringComparison.Ordinal));
        s.EarlierRunbooks.Add(earlier);

        var point = s.Point(5);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains(point.Facts, f => f == "FAIL: dry run: a firing alert {alertname=CheckoutErrors, team=payments, service=checkout} lands on payments-general, not checkout-rollback (its labels are shadowed)");
    }

    [Fact]
    public void EvidenceCapture_NoCheckpointKey_Fails()
    {
        var s = new ReadinessScenario();
        s.Evidence = s.Evidence with { SigningKeyPath = null, SigningKeyExists = false };

        var point = s.Point(6);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: no checkpoint signing key is configured: checkpoints cannot be signed or checked", point.Facts);
    }

    [Fact]
    public void EvidenceCapture_KeyBesideTheDatabase_Warns()
    {
        var s = new ReadinessScenario();
        s.Evidence = s.Evidence with { SigningKeyPath = "/data/evidence-signing.key", SigningKeyBesideDatabase = true };

        var point = s.Point(6);

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("Keep the key apart from the database: move it to another folder (or a mounted secret) and set Evidence:SigningKeyPath.", point.Actions);
    }

    [Fact]
    public void EvidenceCapture_StoreAltered_FailsWithTheAuditLine()
    {
        var s = new ReadinessScenario();
        s.Evidence = s.Evidence with { Audit = EvidenceAuditOutcome.Altered, AuditMessage = "INC-1 #2 (IncidentTriaged, event 5): content does not match its hash" };

        var point = s.Point(6);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: store (sqlite /data/incidentbot.db) is altered: INC-1 #2 (IncidentTriaged, event 5): content does not match its hash", point.Facts);
    }

    [Fact]
    public void ProductionRealism_NoEscalationGroup_Fails()
    {
        var s = new ReadinessScenario();
        s.Engine.EscalationGroups.Clear();

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: Engine:EscalationGroups is empty: an unanswered approval is only repeated to the option's own approvers", point.Facts);
    }

    [Fact]
    public void ProductionRealism_EscalationGroupWithNobody_Fails()
    {
        var s = new ReadinessScenario();
        s.Engine.EscalationGroups[0] = "duty-managers";

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: escalation group duty-managers has no people", point.Facts);
    }

    [Fact]
    public void ProductionRealism_ExpiryBeforeEscalation_Fails()
    {
        var s = new ReadinessScenario();
        s.Engine.ApprovalExpireAfter = TimeSpan.FromMinutes(20);

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: approvals expire before (or when) they escalate: nobody else is ever asked", point.Facts);
    }

    [Fact]
    public void ProductionRealism_EndpointDoesNotAnswer_Fails()
    {
        var s = new ReadinessScenario();
        s.Probes[0] = new(ReadinessScenario.DeployOrigin, false, "Connection refused");

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: http://127.0.0.1:9 does not answer: Connection refused (used by checkout-rollback/rollback-prompt step deploy)", point.Facts);
    }

    [Fact]
    public void ProductionRealism_SettingNotConfigured_FailsNamingIt()
    {
        var s = new ReadinessScenario();
        s.Execution.Settings.Clear();

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Fail, point.Verdict);
        Assert.Contains("FAIL: checkout-rollback/rollback-prompt step deploy: Executors:Settings:deploy_url is not configured", point.Facts);
    }

    [Fact]
    public void ProductionRealism_NeverDrilled_WarnsWithTheDrillCommand()
    {
        var s = new ReadinessScenario();
        s.Drills.Clear();

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("WARN: no drill yet for checkout", point.Facts);
        Assert.Contains("Run a drill: /incident drill checkout-rollback service=checkout", point.Actions);
    }

    [Fact]
    public void ProductionRealism_DrillTooOldAndNotRecovered_Warns()
    {
        var s = new ReadinessScenario();
        s.Drills["checkout"] = s.Drills["checkout"]! with { ToRecover = null, Failures = ["rollback-prompt step deploy: -> 503"] };
        s.DrillMaxAge = TimeSpan.FromDays(7);

        var point = s.Point(7);

        Assert.Equal(ReadinessVerdict.Warn, point.Verdict);
        Assert.Contains("WARN: the last drill INC-2 did not recover", point.Facts);
        Assert.Contains("WARN: the last drill INC-2 is older than 7 days", point.Facts);
        Assert.Contains("drill INC-2 failure: rollback-prompt step deploy: -> 503", point.Facts);
    }

    [Fact]
    public void Assess_UnknownService_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReadinessAssessor.Assess(new ReadinessScenario().Inputs(), "nope"));
        Assert.Contains("No runbook or change record names the service 'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OnePointFails_TheServiceAndReportFail()
    {
        var s = new ReadinessScenario();
        s.Options.Remove(ReadinessScenario.Control);

        var report = ReadinessAssessor.Assess(s.Inputs());

        Assert.Equal(ReadinessVerdict.Fail, report.Verdict);
        Assert.Equal(ReadinessVerdict.Fail, Assert.Single(report.Services).Verdict);
    }

    private const string GeneralRunbook = """
        id: general
        title: General incident
        version: "1"
        applies_to:
          services: []
        triage:
          - What is broken?
        containment:
          - id: people-decide
            title: People decide by hand
            kind: manual
            layer: workflow
            approval: {required: 1, groups: [approvers]}
            steps:
              - id: decide
                kind: manual
                title: Decide
                instructions: Decide what to do.
            checks:
              - id: done
                kind: manual
                title: Done
            fallback: People decide by hand.
        review:
          questions: [What happened?]
        """;
}
