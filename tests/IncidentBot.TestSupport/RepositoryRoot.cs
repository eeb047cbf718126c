namespace IncidentBot.TestSupport;

/// <summary>Finds the repository root: the nearest folder above the test output that holds IncidentBot.sln. Tests read
/// the committed runbooks, manifests and fixtures from there, not copies.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding <c>IncidentBot.sln</c>.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IncidentBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IncidentBot.sln above {AppContext.BaseDirectory}.");
    }
}
