using System.IO.Compression;
using System.Text;

namespace IncidentBot.Teams.Manifest;

/// <summary>
/// Builds the Teams app package: a zip holding <c>manifest.json</c> and its two icons at the root, which people upload
/// in Teams (Apps → Manage your apps → Upload an app). The app id can be substituted on the way in; entries carry a
/// fixed timestamp, so the same inputs give the same bytes.
/// </summary>
public static class TeamsAppPackage
{
    /// <summary>The manifest's file name, in the source folder and in the package.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Default package file name.</summary>
    public const string DefaultPackageName = "incidentbot-teams.zip";

    /// <summary>Where the manifest lives in the repository, relative to its root.</summary>
    public static readonly string SourceFolder = Path.Combine("manifests", "teams");

    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads an app id given by a person: a GUID in any .NET format (written into the manifest lower-case with
    /// hyphens), not the all-zero placeholder. Null and a reason when it is not one.</summary>
    public static Guid? ParseAppId(string? text, out string? problem)
    {
        if (!Guid.TryParse(text?.Trim(), out var id))
        {
            problem = $"'{text}' is not a GUID; the app id is the Azure Bot's Microsoft App ID, like 1f3e…-….";
            return null;
        }
        if (id == Guid.Empty)
        {
            problem = "The all-zero app id is the placeholder; give your bot's Microsoft App ID.";
            return null;
        }
        problem = null;
        return id;
    }

    /// <summary>The nearest <c>manifests/teams</c> folder holding a manifest, from the working directory or the
    /// program's folder upwards; null when there is none.</summary>
    public static string? FindSourceDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SourceFolder);
                if (File.Exists(Path.Combine(candidate, ManifestFileName))) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Writes the package from <paramref name="sourceDirectory"/> to <paramref name="outputPath"/> (folders created,
    /// an existing file replaced), with <paramref name="appId"/> as app and bot id when given.
    /// </summary>
    public static TeamsAppPackageResult Create(string sourceDirectory, string outputPath, Guid? appId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var manifestPath = Path.Combine(sourceDirectory, ManifestFileName);
        if (!File.Exists(manifestPath)) return TeamsAppPackageResult.Missing($"No {ManifestFileName} in {sourceDirectory}.");
        var manifest = TeamsAppManifest.Parse(File.ReadAllText(manifestPath), out var problem);
        if (manifest is null) return TeamsAppPackageResult.Invalid(problem!);
        if (manifest.AppId != manifest.BotId && appId is null)
            return TeamsAppPackageResult.Invalid("manifest.json: id and bots[0].botId differ; both must be the bot's Microsoft App ID.");

        var icons = new List<(string Name, byte[] Bytes)>();
        foreach (var name in new[] { manifest.ColorIcon, manifest.OutlineIcon })
        {
            var path = Path.Combine(sourceDirectory, name);
            if (!File.Exists(path)) return TeamsAppPackageResult.Missing($"The icon {name} named in {ManifestFileName} is not in {sourceDirectory}.");
            var bytes = File.ReadAllBytes(path);
            if (!IsPng(bytes)) return TeamsAppPackageResult.Invalid($"{name} is not a PNG file.");
            icons.Add((name, bytes));
        }
        if (appId is { } id) manifest.SetAppId(id);

        var full = Path.GetFullPath(outputPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var file = new FileStream(full, FileMode.Create, FileAccess.Write);
            Write(file, manifest.ToJson(), icons);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TeamsAppPackageResult.NotWritten($"Cannot write {full}: {ex.Message}");
        }
        return TeamsAppPackageResult.Written(full, manifest.AppId, manifest.HasPlaceholderId);
    }

    /// <summary>Writes the zip: the manifest and each icon as a root entry.</summary>
    public static void Write(Stream output, string manifestJson, IReadOnlyList<(string Name, byte[] Bytes)> icons)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(manifestJson);
        ArgumentNullException.ThrowIfNull(icons);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, ManifestFileName, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(manifestJson));
        foreach (var (name, bytes) in icons) Add(zip, name, bytes);
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static bool IsPng(byte[] bytes) => bytes.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
}
