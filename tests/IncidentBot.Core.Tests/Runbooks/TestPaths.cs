namespace IncidentBot.Core.Tests.Runbooks;

/// <summary>Where the runbook fixtures (copied to the output) and the shipped runbooks (in the repo) are.</summary>
internal static class TestPaths
{
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Runbooks", "Fixtures");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    public static string ReadFixture(string name) => File.ReadAllText(Fixture(name));

    /// <summary>The folder holding IncidentBot.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ShippedRunbooks => Path.Combine(RepoRoot, "runbooks");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("IncidentBot.sln not found above " + AppContext.BaseDirectory);
    }
}
