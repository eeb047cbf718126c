using System.CommandLine;
using IncidentBot.Host.Composition;

namespace IncidentBot.Host.Cli;

/// <summary>
/// The verbs of the <c>incidentbot</c> executable: <c>serve</c> (default), <c>runbook lint|graph</c>,
/// <c>evidence verify</c>, <c>lifecycle graph</c>. Exit codes: 0 ok, 1 a check failed, 2 it could not run.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses and runs.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("IncidentBot: governed incident response from chat.");
        var serve = new Command("serve", "Run the bot (web host, local console in Development). ASP.NET options such as --urls pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, _) => BotApp.RunAsync([.. parse.UnmatchedTokens]));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(RunbookVerbs.Create());
        root.Subcommands.Add(EvidenceVerbs.Create());
        root.Subcommands.Add(LifecycleVerbs.Create());
        root.Subcommands.Add(TeamsVerbs.Create());

        // No verb (or only host options such as --urls) means serve.
        var isVerb = args.Length > 0 && root.Subcommands.Any(c => c.Name == args[0]) || args.Any(a => a is "-h" or "--help" or "-?" or "--version");
        if (!isVerb) return await BotApp.RunAsync(args).ConfigureAwait(false);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
