using System.IO.Compression;
using System.Text.Json.Nodes;
using IncidentBot.Teams.Manifest;
using IncidentBot.TestSupport;

namespace IncidentBot.Teams.Tests.Manifest;

public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "1f3e5a7c-9b2d-4e6f-8a1b-3c5d7e9f0a2b";

    private static readonly string Source = RepositoryRoot.Combine("manifests", "teams");

    private readonly string temp = Directory.CreateTempSubdirectory("teams-package-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Create_WithAppId_ZipsManifestAndIconsAtTheRootWithTheIdSubstituted()
    {
        var output = Path.Combine(temp, "out", "app.zip");

        var result = TeamsAppPackage.Create(Source, output, Guid.Parse(AppId.ToUpperInvariant()));

        Assert.Equal(TeamsAppPackageOutcome.Written, result.Outcome);
        Assert.Equal(Path.GetFullPath(output), result.PackagePath);
        Assert.False(result.UsesPlaceholderId);
        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(Source, "color.png")), ReadBytes(zip, "color.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Source, "outline.png")), ReadBytes(zip, "outline.png"));
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, "manifest.json")))!;
        original["id"] = AppId;
        original["bots"]![0]!["botId"] = AppId;
        Assert.True(JsonNode.DeepEquals(original, manifest), "nothing but the ids changes");
    }

    [Fact]
    public void Create_WithoutAppId_KeepsThePlaceholderAndSaysSo()
    {
        var result = TeamsAppPackage.Create(Source, Path.Combine(temp, "app.zip"), null);

        Assert.Equal(TeamsAppPackageOutcome.Written, result.Outcome);
        Assert.True(result.UsesPlaceholderId);
        Assert.Equal(TeamsAppManifest.PlaceholderAppId, result.AppId);
    }

    [Fact]
    public void Create_Twice_SameBytes()
    {
        TeamsAppPackage.Create(Source, Path.Combine(temp, "a.zip"), Guid.Parse(AppId));
        TeamsAppPackage.Create(Source, Path.Combine(temp, "b.zip"), Guid.Parse(AppId));

        Assert.Equal(File.ReadAllBytes(Path.Combine(temp, "a.zip")), File.ReadAllBytes(Path.Combine(temp, "b.zip")));
    }

    [Theory]
    [InlineData("\"id\": \"00000000-0000-0000-0000-000000000000\"", "\"id\": \"not-a-guid\"", "id must be a GUID")]
    [InlineData("\"botId\": \"00000000-0000-0000-0000-000000000000\"", "\"botId\": \"00000000-0000-0000-0000-000000000001\"", "id and bots[0].botId differ")]
    [InlineData("\"outline\": \"outline.png\"", "\"outline\": \"../outline.png\"", "icons.outline must be a file name")]
    [InlineData("\"bots\": [", "\"bots\": [], \"x\": [", "exactly one bot")]
    public void Create_BadManifest_IsInvalid(string from, string to, string expected)
    {
        var dir = CopySource();
        var path = Path.Combine(dir, "manifest.json");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));

        var result = TeamsAppPackage.Create(dir, Path.Combine(temp, "app.zip"), null);

        Assert.Equal(TeamsAppPackageOutcome.Invalid, result.Outcome);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp, "app.zip")));
    }

    [Fact]
    public void Create_MissingIconOrManifest_IsSourceMissing()
    {
        var dir = CopySource();
        File.Delete(Path.Combine(dir, "outline.png"));

        Assert.Equal(TeamsAppPackageOutcome.SourceMissing, TeamsAppPackage.Create(dir, Path.Combine(temp, "a.zip"), null).Outcome);
        Assert.Equal(TeamsAppPackageOutcome.SourceMissing, TeamsAppPackage.Create(temp, Path.Combine(temp, "b.zip"), null).Outcome);
    }

    [Fact]
    public void Create_OutputIsAFolder_IsNotWritten()
    {
        var result = TeamsAppPackage.Create(Source, temp, null);

        Assert.Equal(TeamsAppPackageOutcome.NotWritten, result.Outcome);
        Assert.Contains("Cannot write", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_IconThatIsNotAPng_IsInvalid()
    {
        var dir = CopySource();
        File.WriteAllText(Path.Combine(dir, "color.png"), "not an image");

        var result = TeamsAppPackage.Create(dir, Path.Combine(temp, "a.zip"), null);

        Assert.Equal(TeamsAppPackageOutcome.Invalid, result.Outcome);
        Assert.Contains("color.png is not a PNG", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1f3e5a7c-9b2d-4e6f-8a1b-3c5d7e9f0a2b", true)]
    [InlineData(" {1F3E5A7C-9B2D-4E6F-8A1B-3C5D7E9F0A2B} ", true)]
    [InlineData("00000000-0000-0000-0000-000000000000", false)]
    [InlineData("my-bot", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ParseAppId_OnlyARealGuid(string? text, bool ok)
    {
        var id = TeamsAppPackage.ParseAppId(text, out var problem);

        Assert.Equal(ok, id is not null);
        Assert.Equal(ok, problem is null);
        if (ok) Assert.Equal(AppId, id!.Value.ToString("D"));
    }

    [Fact]
    public void FindSourceDirectory_FromTheTestFolder_IsTheRepositorysManifestFolder()
    {
        Assert.Equal(Path.GetFullPath(Source), TeamsAppPackage.FindSourceDirectory());
    }

    private string CopySource()
    {
        var dir = Directory.CreateDirectory(Path.Combine(temp, "src" + Guid.NewGuid().ToString("N")[..6])).FullName;
        foreach (var file in Directory.GetFiles(Source)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
