using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Tests.Docs;

public sealed class ReadmeDiagramTests
{
    [Fact]
    public void Readme_LifecycleDiagram_IsTheOneGeneratedFromTheTable()
    {
        // Arrange
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IncidentBot.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md")).ReplaceLineEndings("\n");

        // Act
        var generated = IncidentLifecycle.ToMermaid().ReplaceLineEndings("\n");

        // Assert: regenerate with `incidentbot lifecycle graph` when the table changes.
        Assert.Contains("```mermaid\n" + generated, readme, StringComparison.Ordinal);
    }
}
