using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>Problems found by editing the minimal valid runbook in one place; the fixture files cover the rest.</summary>
public class RunbookLoaderProblemTests
{
    private static string Minimal => MinimalRunbook.Text;

    private static RunbookLoadResult LoadEdited(string find, string replace) => MinimalRunbook.LoadEdited(find, replace);

    private static void AssertSingleProblem(RunbookLoadResult result, int line, int column, string fragment)
    {
        Assert.Null(result.Runbook);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
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

    [Fact]
    public void Load_PrometheusBlockOnManualCheck_ReportsTheBlock()
    {
        // Act
        var result = LoadEdited("        title: Quality is back\n",
            "        title: Quality is back\n        prometheus: {base_url: \"http://127.0.0.1:9090\", query: up, comparison: \"==\", threshold: 1}\n");

        // Assert
        AssertSingleProblem(result, 24, 9, "'prometheus' is only allowed on prometheus checks; this check is manual");
    }

    [Fact]
    public void Load_InstructionsOnBaselineStep_ReportsTheKey()
    {
        // Act
        var result = LoadEdited("        title: Move back\n", "        title: Move back\n        instructions: Click the button.\n");

        // Assert
        AssertSingleProblem(result, 20, 9, "'instructions' is only allowed on manual steps; this step is baseline");
    }

    [Fact]
    public void Load_GetRequestWithBody_ReportsBody()
    {
        // Act
        var result = LoadEdited("        kind: baseline\n        title: Move back\n",
            "        kind: http\n        title: Move back\n        http: {method: GET, url: \"http://127.0.0.1/x\", body: hello}\n");

        // Assert
        AssertSingleProblem(result, 20, 56, "a GET request has no body");
    }

    [Fact]
    public void Load_ZeroConsecutivePasses_ReportsRange()
    {
        // Act
        var result = LoadEdited("        title: Quality is back\n", "        title: Quality is back\n        consecutive_passes: 0\n");

        // Assert
        AssertSingleProblem(result, 24, 29, "'consecutive_passes' must be between 1 and 100; got 0");
    }

    [Fact]
    public void Load_SignalLabelValueIsList_ReportsTheValue()
    {
        // Act
        var result = LoadEdited("  services: [demo]\n", "  services: [demo]\n  signal_labels: {alertname: [A, B]}\n");

        // Assert
        AssertSingleProblem(result, 6, 30, "'signal_labels.alertname' must be text, not a list");
    }

    [Fact]
    public void Load_RequiredTextWithNoValue_ReportsTheKey()
    {
        // Act
        var result = LoadEdited("    fallback: Agents answer from macros.\n", "    fallback:\n");

        // Assert
        AssertSingleProblem(result, 24, 5, "'fallback' has no value");
    }
}
