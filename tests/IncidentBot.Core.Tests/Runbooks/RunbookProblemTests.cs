using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookProblemTests
{
    [Fact]
    public void ToString_WithPosition_IsCompilerStyle()
    {
        // Arrange
        var problem = new RunbookProblem("runbooks/a.yaml", 12, 7, "unknown key 'titel'");

        // Act + Assert
        Assert.Equal("runbooks/a.yaml:12:7: unknown key 'titel'", problem.ToString());
    }

    [Fact]
    public void ToString_WithoutPosition_NamesFileOnly()
    {
        // Arrange
        var problem = new RunbookProblem("runbooks", 0, 0, "runbook directory not found");

        // Act + Assert
        Assert.Equal("runbooks: runbook directory not found", problem.ToString());
    }
}
