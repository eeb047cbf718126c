using System.Text.RegularExpressions;

namespace IncidentBot.Core.Tests.Docs;

/// <summary>
/// A fresh clone has nothing beside it: no file of the project may read anything outside the repository (the
/// workplace's <c>shared</c> folder beside the repository in particular). Payloads tests need are copied into the test projects.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    private static readonly string[] Folders = ["src", "tests", "bench", ".ci"];
    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets", ".json", ".yaml", ".yml", ".sh", ""];

    [Fact]
    public void ProjectFiles_ReferenceNothingOutsideTheRepository()
    {
        // Arrange
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IncidentBot.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var files = Folders.Select(f => Path.Combine(root.FullName, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Append(Path.Combine(root.FullName, "test.sh"))
            .Where(f => !f.EndsWith(nameof(RepositoryStandsAloneTests) + ".cs", StringComparison.Ordinal))
            .ToList();

        // Act
        var offenders = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => OutsidePath().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(root.FullName, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        // Assert
        Assert.True(files.Count > 100, $"only {files.Count} files were read: the walk is broken");
        Assert.True(offenders.Count == 0, "reads outside the repository:\n" + string.Join("\n", offenders));
    }

    // The workplace's shared folder beside the repository (reached by going up, or by its reference sub-folder): a user's clone has none.
    [GeneratedRegex(@"\.\.[/\\]+(\.\.[/\\]+)*shared\b|shared[/\\]reference", RegexOptions.IgnoreCase)]
    private static partial Regex OutsidePath();
}
