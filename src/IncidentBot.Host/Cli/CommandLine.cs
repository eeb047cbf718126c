using System.CommandLine;
using IncidentBot.Host.Composition;
using IncidentBot.Host.Startup;

namespace IncidentBot.Host.Cli;

/// <summary>
/// The verbs of the <c>incidentbot</c> executable: <c>serve</c> (default), <c>runbook lint|graph</c>,
/// <c>evidence verify</c>, <c>lifecycle graph</c>, <c>teams</c>, <c>readiness</c>. Exit codes: <see cref="ExitCodes"/> (0 ok, 1 a check failed,
/// 2 invalid command line, configuration or runbooks, 3 store unavailable, 4 cannot listen); an unknown verb exits 2.
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
        root.Subcommands.Add(ReadinessVerbs.Create());

        // Nothing, or only host options (--urls, --environment, --Storage:DatabasePath=..., Key=value), means serve.
        // Any other first word must be a verb: a typo prints usage and exits 2 instead of starting the server.
        if (args.Length == 0 || IsHostOption(args[0]) && !args.Any(IsHelp)) return await BotApp.RunAsync(args).ConfigureAwait(false);
        if (!IsHelp(args[0]) && root.Subcommands.All(c => c.Name != args[0])) return await UnknownVerbAsync(root, args[0]).ConfigureAwait(false);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help" or "-?" or "--version";

    private static bool IsHostOption(string arg) => arg.StartsWith('-') || arg.StartsWith('/') || arg.Contains('=', StringComparison.Ordinal);

    private static async Task<int> UnknownVerbAsync(RootCommand root, string given)
    {
        var verbs = root.Subcommands.Select(c => c.Name).ToList();
        var suggestion = IncidentBot.Core.Runbooks.Spelling.Suggest(given, verbs);
        await System.Console.Error.WriteLineAsync($"Unknown verb '{given}'." + (suggestion is null ? "" : $" Did you mean {suggestion}?")).ConfigureAwait(false);
        await System.Console.Error.WriteLineAsync($"Usage: incidentbot [{string.Join('|', verbs)}] [options]; incidentbot --help lists them.").ConfigureAwait(false);
        return ExitCodes.Invalid;
    }
}
