using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookGraphTests
{
    private static Runbook Shipped(string id) =>
        RunbookLoader.Load(File.ReadAllText(Path.Combine(TestPaths.ShippedRunbooks, id + ".yaml")), id + ".yaml").Runbook!;

    [Theory]
    [InlineData("ai-assistant-drift")]
    [InlineData("service-release")]
    public void ToMermaid_ShippedRunbook_ContainsEveryOptionStepAndCheck(string id)
    {
        // Arrange
        var runbook = Shipped(id);

        // Act
        var mermaid = RunbookGraph.ToMermaid(runbook);

        // Assert
        Assert.StartsWith("flowchart TD\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("recovered([\"Recovered\"])", mermaid, StringComparison.Ordinal);
        for (var i = 0; i < runbook.Options.Count; i++)
        {
            var option = runbook.Options[i];
            Assert.Contains($"o{i + 1}[\"{RunbookGraph.Text(option.Id + ": " + option.Title)}", mermaid, StringComparison.Ordinal);
            Assert.Contains($"triage --> o{i + 1}\n", mermaid, StringComparison.Ordinal);
            Assert.Contains($"o{i + 1} -.- o{i + 1}fb\n", mermaid, StringComparison.Ordinal);
            foreach (var step in option.Steps)
            {
                Assert.Contains(RunbookGraph.Text(step.Title), mermaid, StringComparison.Ordinal);
            }
            foreach (var check in option.Checks)
            {
                Assert.Contains(RunbookGraph.Text(check.Title), mermaid, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ToMermaid_OptionWithStepsAndChecks_ChainsThemInOrderToRecovered()
    {
        // Arrange
        var runbook = Shipped("ai-assistant-drift");

        // Act
        var lines = RunbookGraph.ToMermaid(runbook).Split('\n');

        // Assert: option 1 has three steps and two checks.
        Assert.Equal(
            ["o1 --> o1s1", "o1s1 --> o1s2", "o1s2 --> o1s3", "o1s3 --> o1c1", "o1c1 --> o1c2", "o1c2 --> recovered"],
            lines.Select(l => l.Trim()).Where(l => (l.StartsWith("o1 ", StringComparison.Ordinal) || l.StartsWith("o1s", StringComparison.Ordinal) || l.StartsWith("o1c", StringComparison.Ordinal))
                                                 && l.Contains("-->", StringComparison.Ordinal)));
    }

    [Fact]
    public void ToMermaid_LabelsWithQuotesAndBrackets_AreEscaped()
    {
        // Arrange
        var runbook = TestRunbooks.Create("x") with { Title = "Say \"hi\" [now] {or} (later) <b>#1</b>" };

        // Act
        var mermaid = RunbookGraph.ToMermaid(runbook);

        // Assert
        var triage = mermaid.Split('\n')[1];
        Assert.Equal(
            "    triage[\"Triage: Say #34;hi#34; #91;now#93; #123;or#125; #40;later#41; #60;b#62;#35;1#60;/b#62;<br/>1. What changed?\"]",
            triage);
    }

    [Fact]
    public void DescribeApproval_SeverityOverrideAndBreakGlass_ListsAll()
    {
        // Arrange
        var approval = new ApprovalPolicy(1, ["approvers"], new Dictionary<Severity, int> { [Severity.Sev1] = 2 },
            new BreakGlassPolicy(true, [Severity.Sev1]));

        // Act + Assert
        Assert.Equal("1 of approvers; sev1: 2; break-glass sev1", RunbookGraph.DescribeApproval(approval));
    }

    [Fact]
    public void DescribeApproval_NothingRequired_SaysNone()
    {
        // Arrange
        var approval = new ApprovalPolicy(0, [], new Dictionary<Severity, int>(), BreakGlassPolicy.Never);

        // Act + Assert
        Assert.Equal("none", RunbookGraph.DescribeApproval(approval));
    }
}
