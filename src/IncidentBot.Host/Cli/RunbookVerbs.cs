using System.CommandLine;
using IncidentBot.Core.Runbooks;
using IncidentBot.Host.Configuration;

namespace IncidentBot.Host.Cli;

/// <summary><c>runbook lint [PATH]</c> and <c>runbook graph ID</c>.</summary>
internal static class RunbookVerbs
{
    public static Command Create()
    {
        var runbook = new Command("runbook", "Check and draw runbooks.");

        var path = new Argument<string?>("path") { Description = "A runbook file or folder (default: runbooks/).", Arity = ArgumentArity.ZeroOrOne };
        var lint = new Command("lint", "Validate runbooks; prints file:line:column: message for every problem.") { path };
        lint.SetAction(parse => Lint(parse.GetValue(path)));

        var id = new Argument<string>("id") { Description = "Runbook id." };
        var dir = new Option<string?>("--dir") { Description = "Runbook folder (default: runbooks/)." };
        var graph = new Command("graph", "Print a runbook as a Mermaid flowchart.") { id, dir };
        graph.SetAction(parse => Graph(parse.GetValue(id)!, parse.GetValue(dir)));

        runbook.Subcommands.Add(lint);
        runbook.Subcommands.Add(graph);
        return runbook;
    }

    private static int Lint(string? target)
    {
        target ??= new RunbookOptions().ResolveDirectory();
        IReadOnlyList<RunbookProblem> problems;
        IReadOnlyList<Runbook> runbooks;
        if (File.Exists(target))
        {
            var result = RunbookLoader.Load(File.ReadAllText(target), target);
            (problems, runbooks) = (result.Problems, result.Runbook is null ? [] : [result.Runbook]);
        }
        else if (Directory.Exists(target))
        {
            var result = RunbookCatalog.LoadDirectory(target);
            (problems, runbooks) = (result.Problems, result.Catalog.All);
        }
        else
        {
            System.Console.Error.WriteLine($"No such file or folder: {target}");
            return 2;
        }
        foreach (var p in problems) System.Console.WriteLine(p);
        // Settings differ per environment, so a placeholder this configuration lacks is a warning, not a problem.
        var settings = ToolConfiguration.ExecutionSettings();
        foreach (var w in TemplateReferences.Missing(runbooks, settings.Settings, settings.Secrets)) System.Console.WriteLine("warning: " + w);
        var count = runbooks.Count;
        System.Console.WriteLine(problems.Count == 0 ? $"ok: {count} runbook(s) valid in {target}" : $"{problems.Count} problem(s) in {target}");
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Graph(string id, string? dir)
    {
        var loaded = RunbookCatalog.LoadDirectory(dir ?? new RunbookOptions { Directory = dir }.ResolveDirectory());
        foreach (var p in loaded.Problems) System.Console.Error.WriteLine(p);
        var runbook = loaded.Catalog.Find(id);
        if (runbook is null)
        {
            System.Console.Error.WriteLine($"No runbook '{id}'. Runbooks: {string.Join(", ", loaded.Catalog.All.Select(r => r.Id))}");
            return 2;
        }
        System.Console.Write(RunbookGraph.ToMermaid(runbook));
        return 0;
    }
}
