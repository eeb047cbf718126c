using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>One broken runbook file per kind of mistake, each reporting exactly one problem at the offending node.</summary>
public class RunbookLoaderFixtureTests
{
    [Theory]
    [InlineData("syntax-error.yaml", 12, 12, "YAML syntax error: this '[' is never closed")]
    [InlineData("bad-indentation.yaml", 8, 2, "YAML syntax error: while parsing a block mapping")]
    [InlineData("duplicate-key.yaml", 4, 1, "duplicate key 'title'")]
    [InlineData("missing-required-key.yaml", 9, 5, "missing required key 'fallback' in containment option 'rollback-prompt'")]
    [InlineData("unknown-key.yaml", 20, 9, "unknown key 'timout_seconds' in step 'move-back'; did you mean 'timeout_seconds'?")]
    [InlineData("bad-enum.yaml", 11, 11, "'kind' must be one of rollback, control, pause, manual; got 'rollbak'")]
    [InlineData("bad-layer.yaml", 12, 12, "got 'promt'; did you mean 'prompt'?")]
    [InlineData("bad-id.yaml", 1, 5, "'id' must use only a-z, 0-9 and '-'; got 'Minimal_Runbook'")]
    [InlineData("duplicate-option-id.yaml", 25, 9, "duplicate option id 'rollback-prompt' (first used at line 9)")]
    [InlineData("wrong-scalar-type.yaml", 14, 17, "'required' must be a whole number; got 'two'")]
    [InlineData("bad-bool.yaml", 20, 21, "'idempotent' must be true or false; got 'maybe'")]
    [InlineData("list-for-text.yaml", 10, 12, "'title' must be text, not a list")]
    [InlineData("empty-triage.yaml", 6, 9, "'triage' must list at least one item")]
    [InlineData("manual-option-http-step.yaml", 18, 15, "a manual option may only have manual steps; step 'move-back' is http")]
    [InlineData("baseline-outside-rollback.yaml", 18, 15, "a baseline step is only allowed in a rollback option; this option is control")]
    [InlineData("control-ignores-enabled.yaml", 23, 17, "http step 'enable-review' of a control option must use {{control.enabled}}")]
    [InlineData("pause-ignores-enabled.yaml", 24, 15, "http step 'pause' of a pause option must use {{control.enabled}}")]
    [InlineData("rollback-without-baseline.yaml", 11, 11, "a rollback option must contain a baseline or http step")]
    [InlineData("http-step-without-http.yaml", 17, 9, "missing required key 'http' in step 'move-back'")]
    [InlineData("http-block-on-manual-step.yaml", 24, 9, "'http' is only allowed on http steps; this step is manual")]
    [InlineData("window-less-than-interval.yaml", 25, 25, "'window_seconds' (30) must be at least 'interval_seconds' (60)")]
    [InlineData("missing-groups.yaml", 14, 7, "missing required key 'groups' in approval")]
    [InlineData("bad-severity-key.yaml", 16, 21, "'sev5' in 'by_severity' is not a severity")]
    [InlineData("bad-url.yaml", 20, 35, "'url' must be an absolute http:// or https:// URL; got 'ftp://deploy.internal/rollback'")]
    [InlineData("bad-comparison.yaml", 24, 96, "'comparison' must be one of <, <=, >, >=, ==; got '=~'")]
    public void Load_BrokenFixture_ReportsOneProblemAtTheOffendingNode(string file, int line, int column, string fragment)
    {
        // Arrange
        var path = TestPaths.Fixture(file);
        var text = File.ReadAllText(path);

        // Act
        var result = RunbookLoader.Load(text, path);

        // Assert
        Assert.Null(result.Runbook);
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithSeveralMistakes_ReportsEveryOneInFileOrder()
    {
        // Arrange
        var path = TestPaths.Fixture("several-mistakes.yaml");

        // Act
        var result = RunbookLoader.Load(File.ReadAllText(path), path);

        // Assert
        Assert.Null(result.Runbook);
        Assert.Collection(result.Problems,
            p => AssertProblem(p, path, 1, 1, "missing required key 'title' in runbook"),
            p => AssertProblem(p, path, 11, 12, "got 'promt'"),
            p => AssertProblem(p, path, 13, 17, "'required' must be a whole number; got 'two'"),
            p => AssertProblem(p, path, 19, 9, "unknown key 'timout_seconds'"),
            p => AssertProblem(p, path, 25, 25, "'window_seconds' (30) must be at least 'interval_seconds' (60)"));
    }

    [Fact]
    public void Load_ValidMinimalFixture_LoadsWithNoProblem()
    {
        // Arrange
        var path = TestPaths.Fixture("valid-minimal.yaml");

        // Act
        var result = RunbookLoader.Load(File.ReadAllText(path), path);

        // Assert
        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        Assert.Equal("minimal", result.Runbook!.Id);
        Assert.Equal(path, result.Runbook.SourcePath);
    }

    private static void AssertProblem(RunbookProblem problem, string file, int line, int column, string fragment)
    {
        Assert.Equal(file, problem.File);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }
}
