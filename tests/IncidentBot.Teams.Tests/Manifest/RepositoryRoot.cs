namespace IncidentBot.Teams.Tests.Manifest;

/// <summary>Finds files of the repository from the test's output folder (the tests read the committed manifest, icons
/// and runbooks, not copies).</summary>
internal static class RepositoryRoot
{
    /// <summary>The nearest parent folder holding <c>IncidentBot.sln</c>.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IncidentBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (IncidentBot.sln) is not above " + AppContext.BaseDirectory);
    }
}
