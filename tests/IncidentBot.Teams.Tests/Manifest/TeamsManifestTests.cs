using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Teams.Manifest;
using IncidentBot.TestSupport;
using NJsonSchema;

namespace IncidentBot.Teams.Tests.Manifest;

/// <summary>The committed Teams app manifest (<c>manifests/teams</c>) is one Teams accepts and speaks our grammar.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string ManifestPath = RepositoryRoot.Combine("manifests", "teams", "manifest.json");

    private static JsonNode Manifest => JsonNode.Parse(File.ReadAllText(ManifestPath))!;

    [Fact]
    public async Task Manifest_ValidatesAgainstTheOfficialV116Schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Manifest", "MicrosoftTeams.v1.16.schema.json"));

        var errors = schema.Validate(File.ReadAllText(ManifestPath));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
        Assert.Equal("1.16", Manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.16/MicrosoftTeams.schema.json", Manifest["$schema"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("title")]
    [InlineData("id")]
    public async Task Schema_BrokenManifest_HasErrors(string what)
    {
        // The validation above must be able to fail: lower-case groupchat, a 33-character command title, a non-GUID id.
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Manifest", "MicrosoftTeams.v1.16.schema.json"));
        var broken = Manifest;
        if (what == "scope") broken["bots"]![0]!["scopes"] = new JsonArray("personal", "groupchat");
        if (what == "title") broken["bots"]![0]!["commandLists"]![0]!["commands"]![0]!["title"] = new string('x', 33);
        if (what == "id") broken["id"] = "incidentbot";

        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void Manifest_OneBotWhoseIdIsTheAppIdPlaceholder()
    {
        var bot = Assert.Single(Manifest["bots"]!.AsArray())!;

        Assert.Equal(TeamsAppManifest.PlaceholderAppId, Manifest["id"]!.GetValue<string>());
        Assert.Equal(Manifest["id"]!.GetValue<string>(), bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Empty(Manifest["validDomains"]!.AsArray());
    }

    [Fact]
    public void CommandLists_TitlesAreGrammarVerbsAndDescriptionsGiveTheirUsage()
    {
        var list = Assert.Single(Manifest["bots"]![0]!["commandLists"]!.AsArray())!;
        var commands = list["commands"]!.AsArray().Select(c => (Title: c!["title"]!.GetValue<string>(), Description: c["description"]!.GetValue<string>())).ToList();

        Assert.InRange(commands.Count, 1, 10);
        Assert.Equal(commands.Count, commands.Select(c => c.Title).Distinct().Count());
        foreach (var (title, description) in commands)
        {
            var verb = CommandHelp.Verbs.Where(v => v.Verb == title).ToList();
            Assert.True(verb.Count == 1, $"'{title}' is not a verb of the command grammar");
            Assert.True(title.Length <= 32 && description.Length <= 128, $"'{title}' is too long for Teams");
            Assert.EndsWith(verb[0].Usage, description, StringComparison.Ordinal);
            Assert.False(CommandParser.Parse(title).Error?.StartsWith("Unknown verb", StringComparison.Ordinal) == true, $"the parser does not know '{title}'");
        }
        Assert.Contains("declare", commands.Select(c => c.Title));
        Assert.Contains("help", commands.Select(c => c.Title));
    }
}
