using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookLoaderTests
{
    private static string Minimal => MinimalRunbook.Text;

    private static RunbookLoadResult LoadEdited(string find, string replace) => MinimalRunbook.LoadEdited(find, replace);

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
    public void Load_BreakGlassWithoutAllowedAndBadSeverity_ReportsBoth()
    {
        // Arrange + Act
        var result = LoadEdited("      groups: [approvers]\n", "      groups: [approvers]\n      break_glass: {severities: [sev9]}\n");

        // Assert
        Assert.Equal([(16, 20), (16, 34)], result.Problems.Select(p => (p.Line, p.Column)));
        Assert.Contains("'severities' must be one of sev1, sev2, sev3, sev4; got 'sev9'", result.Problems[1].Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("{{settings.deploy_url}}/deploy", null)]
    [InlineData("{{ settings.deploy_url }}", null)]
    [InlineData("{{incident.id}}/deploy", "'url' must be an absolute http:// or https:// URL; got '{{incident.id}}/deploy'")]
    public void Load_HttpStepUrlStartingWithPlaceholder_OnlySettingsMayHoldTheBaseUrl(string url, string? problem)
    {
        // Arrange
        var step = $$"""
                  - id: call-deploy
                    kind: http
                    title: Ask the deploy service to roll back
                    http: {method: POST, url: "{{url}}"}
            """;

        // Act
        var result = MinimalRunbook.LoadEdited("      - id: move-back\n        kind: baseline\n        title: Move back\n", step + "\n");

        // Assert
        if (problem is null) Assert.Empty(result.Problems);
        else Assert.Contains(result.Problems, p => p.Message == problem);
    }
}
