namespace IncidentBot.Host.Configuration;

/// <summary>Where runbooks are loaded from. Section <c>Runbooks</c>.</summary>
public sealed class RunbookOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runbooks";

    /// <summary>Folder of <c>*.yaml</c> runbooks. Default: <c>runbooks/</c> in the working directory or the nearest
    /// parent folder of the working directory or of the program that has one.</summary>
    public string? Directory { get; set; }

    /// <summary>The folder to load: <see cref="Directory"/> when set, else the nearest <c>runbooks/</c> folder.</summary>
    public string ResolveDirectory()
    {
        if (!string.IsNullOrWhiteSpace(Directory)) return Path.GetFullPath(Directory);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "runbooks");
                if (System.IO.Directory.Exists(candidate)) return candidate;
            }
        }
        return Path.GetFullPath("runbooks");
    }
}
