namespace IncidentBot.Slack.Tests.Support;

/// <summary>The nearest folder above the test output that holds IncidentBot.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IncidentBot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No IncidentBot.sln above {AppContext.BaseDirectory}.");
    }
}
