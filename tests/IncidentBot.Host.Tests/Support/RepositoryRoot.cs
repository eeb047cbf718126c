namespace IncidentBot.Host.Tests.Support;

/// <summary>Finds the repository root: the nearest folder above the test output that holds IncidentBot.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

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
