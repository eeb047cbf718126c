using System.CommandLine;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Host.Cli;

/// <summary><c>lifecycle graph</c>: the incident lifecycle table as Mermaid (README's diagram is generated with it).</summary>
internal static class LifecycleVerbs
{
    public static Command Create()
    {
        var lifecycle = new Command("lifecycle", "The incident lifecycle.");
        var graph = new Command("graph", "Print the lifecycle transition table as a Mermaid state diagram.");
        graph.SetAction(_ =>
        {
            System.Console.Write(IncidentLifecycle.ToMermaid());
            return 0;
        });
        lifecycle.Subcommands.Add(graph);
        return lifecycle;
    }
}
