using System.CommandLine;
using IncidentBot.Teams.Configuration;
using IncidentBot.Teams.Manifest;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary><c>teams package [--app-id GUID] [--out PATH] [--source DIR]</c>: the Teams app package to upload.
/// Exit codes: 0 written, 1 invalid input (app id, manifest, icon), 2 the manifest folder or a file is missing or the zip
/// cannot be written.</summary>
internal static class TeamsVerbs
{
    public static Command Create()
    {
        var teams = new Command("teams", "Microsoft Teams tools.");
        var appId = new Option<string?>("--app-id")
        {
            Description = "The Azure Bot's Microsoft App ID (a GUID); written as the app id and the bot id. Default: Teams:AppId (Teams__AppId).",
        };
        var output = new Option<string?>("--out") { Description = $"Where to write the zip (default: ./{TeamsAppPackage.DefaultPackageName})." };
        var source = new Option<string?>("--source") { Description = "Folder of manifest.json and its icons (default: the nearest manifests/teams)." };
        var package = new Command("package", "Zip manifest.json and its two icons into the app package to upload in Teams; prints its path.") { appId, output, source };
        package.SetAction(parse => Package(parse.GetValue(appId), parse.GetValue(output), parse.GetValue(source)));
        teams.Subcommands.Add(package);
        return teams;
    }

    private static int Package(string? appIdText, string? output, string? source)
    {
        appIdText ??= new ConfigurationBuilder().AddEnvironmentVariables().Build()[$"{TeamsOptions.SectionName}:{nameof(TeamsOptions.AppId)}"];
        Guid? appId = null;
        if (!string.IsNullOrWhiteSpace(appIdText))
        {
            appId = TeamsAppPackage.ParseAppId(appIdText, out var problem);
            if (appId is null)
            {
                System.Console.Error.WriteLine(problem);
                return 1;
            }
        }
        var directory = source ?? TeamsAppPackage.FindSourceDirectory();
        if (directory is null)
        {
            System.Console.Error.WriteLine($"No {TeamsAppPackage.SourceFolder} folder with a {TeamsAppPackage.ManifestFileName} here or above; pass --source.");
            return 2;
        }
        var result = TeamsAppPackage.Create(directory, output ?? TeamsAppPackage.DefaultPackageName, appId);
        switch (result.Outcome)
        {
            case TeamsAppPackageOutcome.Written:
                if (result.UsesPlaceholderId)
                    System.Console.Error.WriteLine("warning: the package carries the placeholder app id; pass --app-id with your bot's Microsoft App ID before uploading it.");
                System.Console.WriteLine(result.PackagePath);
                return 0;
            case TeamsAppPackageOutcome.Invalid:
                System.Console.Error.WriteLine(result.Message);
                return 1;
            default:
                System.Console.Error.WriteLine(result.Message);
                return 2;
        }
    }
}
