using IncidentBot.Core.Incidents;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Cli;

/// <summary><c>lifecycle graph</c> prints the transition table as Mermaid.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LifecycleVerbsTests
{
    [Fact]
    public async Task Graph_PrintsStateDiagramWithEveryState()
    {
        var (code, output, _) = await ConsoleCapture.RunAsync("lifecycle", "graph");

        Assert.Equal(0, code);
        Assert.StartsWith("stateDiagram-v2", output, StringComparison.Ordinal);
        Assert.All(Enum.GetNames<IncidentState>(), state => Assert.Contains(state, output, StringComparison.Ordinal));
        Assert.Contains("AwaitingApproval --> Executing", output, StringComparison.Ordinal);
    }
}
