using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Tests.Runbooks;

public class RunbookCatalogTests
{
    [Fact]
    public void LoadDirectory_SameIdInTwoFiles_ReportsSecondFileIdAndKeepsFirst()
    {
        // Arrange
        var directory = TestPaths.Fixture("catalog-duplicates");
        var second = Path.Combine(directory, "b-second.yaml");

        // Act
        var result = RunbookCatalog.LoadDirectory(directory);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((second, 1, 5), (problem.File, problem.Line, problem.Column));
        Assert.Contains("duplicate runbook id 'shared-id'", problem.Message, StringComparison.Ordinal);
        var kept = Assert.Single(result.Catalog.All);
        Assert.EndsWith("a-first.yaml", kept.SourcePath, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_SeveralBrokenFiles_CollectsProblemsOfEveryFileInNameOrder()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("runbooks-").FullName;
        try
        {
            File.Copy(TestPaths.Fixture("bad-layer.yaml"), Path.Combine(directory, "b.yml"));
            File.Copy(TestPaths.Fixture("bad-enum.yaml"), Path.Combine(directory, "a.yaml"));
            File.Copy(TestPaths.Fixture("valid-minimal.yaml"), Path.Combine(directory, "c.yaml"));
            File.WriteAllText(Path.Combine(directory, "notes.txt"), "not a runbook");

            // Act
            var result = RunbookCatalog.LoadDirectory(directory);

            // Assert
            Assert.Equal(["a.yaml", "b.yml"], result.Problems.Select(p => Path.GetFileName(p.File)));
            Assert.Equal(["minimal"], result.Catalog.All.Select(r => r.Id));
            Assert.False(result.Succeeded);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_ReportsIt()
    {
        // Arrange
        var directory = Path.Combine(TestPaths.Fixtures, "no-such-folder");

        // Act
        var result = RunbookCatalog.LoadDirectory(directory);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(directory, problem.File);
        Assert.Contains("not found", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Catalog.All);
    }

    [Fact]
    public void Constructor_DuplicateIds_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() =>
            new RunbookCatalog([TestRunbooks.Create("a"), TestRunbooks.Create("A")]));
    }

    [Fact]
    public void Find_DifferentCase_FindsRunbook()
    {
        // Arrange
        var catalog = new RunbookCatalog([TestRunbooks.Create("ai-assistant-drift"), TestRunbooks.Create("other")]);

        // Act + Assert
        Assert.Equal("ai-assistant-drift", catalog.Find("AI-Assistant-Drift")?.Id);
        Assert.Null(catalog.Find("missing"));
    }

    [Fact]
    public void Match_LabelsAndServicePointAtDifferentRunbooks_LabelsWin()
    {
        // Arrange
        var byService = TestRunbooks.Create("by-service", services: ["checkout-api"]);
        var byLabels = TestRunbooks.Create("by-labels", labels: TestRunbooks.Labels(("alertname", "HighErrorRate")));
        var catalog = new RunbookCatalog([byService, byLabels]);

        // Act
        var match = catalog.Match("checkout-api", TestRunbooks.Labels(("alertname", "HighErrorRate"), ("env", "prod")));

        // Assert
        Assert.Same(byLabels, match);
    }

    [Fact]
    public void Match_TwoRunbooksMatchLabels_MostLabelsMatchedWins()
    {
        // Arrange
        var one = TestRunbooks.Create("one", labels: TestRunbooks.Labels(("alertname", "HighErrorRate")));
        var two = TestRunbooks.Create("two", labels: TestRunbooks.Labels(("alertname", "HighErrorRate"), ("env", "prod")));
        var catalog = new RunbookCatalog([one, two]);

        // Act
        var match = catalog.Match(null, TestRunbooks.Labels(("alertname", "HighErrorRate"), ("env", "prod")));

        // Assert
        Assert.Same(two, match);
    }

    [Fact]
    public void Match_OneLabelValueDiffers_FallsBackToService()
    {
        // Arrange
        var byLabels = TestRunbooks.Create("by-labels", labels: TestRunbooks.Labels(("alertname", "HighErrorRate"), ("env", "prod")));
        var byService = TestRunbooks.Create("by-service", services: ["Checkout-API"]);
        var catalog = new RunbookCatalog([byLabels, byService]);

        // Act
        var match = catalog.Match("checkout-api", TestRunbooks.Labels(("alertname", "HighErrorRate"), ("env", "staging")));

        // Assert
        Assert.Same(byService, match);
    }

    [Fact]
    public void Match_NothingApplies_ReturnsNull()
    {
        // Arrange
        var catalog = new RunbookCatalog([
            TestRunbooks.Create("no-labels", services: ["checkout-api"]),
            TestRunbooks.Create("labels", labels: TestRunbooks.Labels(("alertname", "HighErrorRate"))),
        ]);

        // Act + Assert
        Assert.Null(catalog.Match("billing", TestRunbooks.Labels(("alertname", "Other"))));
        Assert.Null(catalog.Match(null, null));
    }
}
