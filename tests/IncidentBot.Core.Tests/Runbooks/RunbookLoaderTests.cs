using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookLoaderTests
{
    private static string Minimal => TestPaths.ReadFixture("valid-minimal.yaml");

    private static RunbookLoadResult LoadEdited(string find, string replace)
    {
        Assert.Contains(find, Minimal, StringComparison.Ordinal); // an edit that changes nothing would test nothing
        return RunbookLoader.Load(Minimal.Replace(find, replace, StringComparison.Ordinal), "edited.yaml");
    }

    [Fact]
    public void Load_KeysLeftOut_AppliesDocumentedDefaults()
    {
        // Arrange + Act
        var runbook = RunbookLoader.Load(Minimal, "minimal.yaml").Runbook!;

        // Assert
        var option = Assert.Single(runbook.Options);
        Assert.Equal("", option.Description);
        Assert.Equal(BreakGlassPolicy.Never.Allowed, option.Approval.BreakGlass.Allowed);
        Assert.Empty(option.Approval.RequiredBySeverity);
        var step = Assert.Single(option.Steps);
        Assert.True(step.Idempotent);
        Assert.Equal(30, step.TimeoutSeconds);
        var check = Assert.Single(option.Checks);
        Assert.Equal((15, 300, 1), (check.IntervalSeconds, check.WindowSeconds, check.ConsecutivePasses));
        Assert.Empty(runbook.AppliesTo.SignalLabels);
    }

    [Fact]
    public void Load_ManualStepWithoutIdempotent_DefaultsToNotIdempotent()
    {
        // Arrange + Act
        var result = LoadEdited("        title: Move back\n",
            "        title: Move back\n      - id: tell\n        kind: manual\n        title: Tell agents\n        instructions: Post in the support channel.\n");

        // Assert
        Assert.Empty(result.Problems);
        Assert.False(result.Runbook!.Options[0].Steps[1].Idempotent);
        Assert.Equal("Post in the support channel.", result.Runbook.Options[0].Steps[1].Instructions);
    }

    [Fact]
    public void Load_ApprovalWithSeverityAndBreakGlass_ReadsPolicy()
    {
        // Arrange + Act
        var result = LoadEdited("      groups: [approvers]\n",
            "      groups: [approvers]\n      by_severity: {sev1: 2, sev4: 0}\n      break_glass: {allowed: true, severities: [sev1]}\n");

        // Assert
        Assert.Empty(result.Problems);
        var approval = result.Runbook!.Options[0].Approval;
        Assert.Equal(2, approval.RequiredFor(Severity.Sev1));
        Assert.Equal(1, approval.RequiredFor(Severity.Sev2));
        Assert.Equal(0, approval.RequiredFor(Severity.Sev4));
        Assert.True(approval.BreakGlass.AllowsAt(Severity.Sev1));
        Assert.False(approval.BreakGlass.AllowsAt(Severity.Sev2));
    }

    [Fact]
    public void Load_BreakGlassWithoutAllowed_ReportsMissingAllowed()
    {
        // Arrange + Act
        var result = LoadEdited("      groups: [approvers]\n", "      groups: [approvers]\n      break_glass: {severities: [sev1]}\n");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((16, 20), (problem.Line, problem.Column));
        Assert.Contains("missing required key 'allowed' in break_glass", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoApprovalRequiredAndNoGroups_Loads()
    {
        // Arrange + Act
        var result = LoadEdited("      required: 1\n      groups: [approvers]\n", "      required: 0\n");

        // Assert
        Assert.Empty(result.Problems);
        Assert.Empty(result.Runbook!.Options[0].Approval.Groups);
    }

    [Fact]
    public void Load_HttpStepAndChecks_ReadsRequestAndCheckSpecs()
    {
        // Arrange
        const string steps = """
                  - id: call-deploy
                    kind: http
                    title: Ask the deploy service to roll back
                    timeout_seconds: 120
                    http:
                      method: POST
                      url: "http://127.0.0.1:9000/incidents/{{incident.id}}/rollback"
                      headers: {X-Reason: incident}
                      body: '{"layer": "prompt"}'
                checks:
                  - id: health
                    kind: http
                    title: Health endpoint says ok
                    http: {url: "http://127.0.0.1:9000/health", json_path: status, expect_value: ok}
                  - id: errors
                    kind: prometheus
                    title: Error ratio under 5%
                    consecutive_passes: 3
                    prometheus: {base_url: "http://127.0.0.1:9090", query: "sum(rate(errors[5m]))", comparison: "<", threshold: 0.05}

            """;
        var text = Minimal[..Minimal.IndexOf("      - id: move-back", StringComparison.Ordinal)]
            + steps + Minimal[Minimal.IndexOf("    fallback:", StringComparison.Ordinal)..];

        // Act
        var result = RunbookLoader.Load(text, "http.yaml");

        // Assert
        Assert.Empty(result.Problems);
        var option = result.Runbook!.Options[0];
        var http = option.Steps[0].Http!;
        Assert.Equal(("POST", "http://127.0.0.1:9000/incidents/{{incident.id}}/rollback"), (http.Method, http.Url));
        Assert.Equal("incident", http.Headers["X-Reason"]);
        Assert.Equal("{\"layer\": \"prompt\"}", http.Body);
        Assert.False(option.Steps[0].Idempotent);
        Assert.Equal(new HttpCheckSpec("http://127.0.0.1:9000/health", 200, "status", "ok"), option.Checks[0].Http);
        Assert.Equal(new PrometheusCheckSpec("http://127.0.0.1:9090", "sum(rate(errors[5m]))", "<", 0.05), option.Checks[1].Prometheus);
        Assert.Equal(3, option.Checks[1].ConsecutivePasses);
    }

    [Fact]
    public void Load_EmptyText_ReportsFileLevelProblem()
    {
        // Act
        var result = RunbookLoader.Load("", "empty.yaml");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("empty.yaml", 0, 0), (problem.File, problem.Line, problem.Column));
        Assert.Contains("the file is empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecondYamlDocument_ReportsItsStart()
    {
        // Act
        var result = RunbookLoader.Load(Minimal + "---\nid: another\n", "two.yaml");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((28, 1), (problem.Line, problem.Column));
        Assert.Contains("exactly one YAML document", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ListWhereRunbookExpected_ReportsRootNotMapping()
    {
        // Act
        var result = RunbookLoader.Load("- id: a\n- id: b\n", "list.yaml");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains("runbook must be a mapping", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StringListItemIsMapping_ReportsTheItem()
    {
        // Act
        var result = LoadEdited("  - What changed?\n", "  - question: What changed?\n");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((7, 5), (problem.Line, problem.Column));
        Assert.Contains("items of 'triage' must be text, not a mapping", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ServicesWrittenAsText_ReportsNotAList()
    {
        // Act
        var result = LoadEdited("  services: [demo]\n", "  services: demo\n");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((5, 13), (problem.Line, problem.Column));
        Assert.Contains("'services' must be a list, not 'demo'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TimeoutOutOfRange_ReportsRange()
    {
        // Act
        var result = LoadEdited("        title: Move back\n", "        title: Move back\n        timeout_seconds: 0\n");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((20, 26), (problem.Line, problem.Column));
        Assert.Contains("'timeout_seconds' must be between 1 and 3600; got 0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JsonPathWithoutExpectValue_ReportsHttpBlock()
    {
        // Act
        var result = LoadEdited("        kind: manual\n        title: Quality is back\n",
            "        kind: http\n        title: Health\n        http: {url: \"http://127.0.0.1/health\", json_path: status}\n");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((24, 15), (problem.Line, problem.Column));
        Assert.Contains("'json_path' and 'expect_value' go together", problem.Message, StringComparison.Ordinal);
    }
}
