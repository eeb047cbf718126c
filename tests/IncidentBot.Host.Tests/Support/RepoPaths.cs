namespace IncidentBot.Host.Tests.Support;

/// <summary>Folders of the repository the tests run from.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding IncidentBot.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped runbooks.</summary>
    public static string Runbooks => Path.Combine(Root, "runbooks");

    /// <summary>A copy of the shipped runbooks in a new temporary folder (the caller deletes it).</summary>
    public static string CopyRunbooks()
    {
        var folder = Directory.CreateTempSubdirectory("incidentbot-runbooks-").FullName;
        foreach (var file in Directory.GetFiles(Runbooks, "*.yaml"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No IncidentBot.sln above {AppContext.BaseDirectory}.");
    }
}
