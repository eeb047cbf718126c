using IncidentBot.Core.Incidents;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Execution;

/// <summary>
/// Carries out one kind of execution step (<see cref="Kind"/> matches <see cref="ExecutionStep.Kind"/>).
/// Contract: expected failures are returned as an unsuccessful <see cref="StepOutcome"/>, never thrown; summaries
/// contain no secrets (they become evidence); an executor must be safe to call again for an idempotent step.
/// </summary>
public interface IExecutor
{
    /// <summary>The step kind this executor runs.</summary>
    string Kind { get; }

    /// <summary>Runs the step.</summary>
    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>Everything a step may need to know.</summary>
public sealed record StepContext(Incident Incident, Containment Containment, ContainmentOption Option, ExecutionStep Step, int Index);

/// <summary>What a step did. <paramref name="Summary"/> is recorded as evidence.</summary>
public sealed record StepOutcome(bool Succeeded, string Summary, string? FromVersion = null, string? ToVersion = null);
