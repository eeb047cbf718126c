using IncidentBot.Core.Execution;
using IncidentBot.Integrations.Http;

namespace IncidentBot.Integrations.Execution;

/// <summary>
/// Configuration of the executors (section <c>Executors</c>): the template values every runbook uses
/// (<see cref="ExecutionSettings.Settings"/>, <see cref="ExecutionSettings.Secrets"/>, defined once in Core) plus the
/// resilience of <c>http</c> steps.
/// </summary>
public sealed class ExecutorOptions : ExecutionSettings
{
    /// <summary>Resilience of <c>http</c> steps (section <c>Executors:Http</c>); see <see cref="HttpExecutorOptions"/>.</summary>
    public HttpExecutorOptions Http { get; set; } = new();
}
