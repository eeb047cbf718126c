using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Execution;

/// <summary>
/// Runs the steps of an incident's current containment in order, stops at the first failure, and reports the
/// result to the engine as the system actor. Runs from the outbox, never inside a person's request.
/// </summary>
public sealed class ContainmentRunner(IncidentEngine engine, IEnumerable<IExecutor> executors)
{
    private readonly Dictionary<string, IExecutor> byKind = executors.ToDictionary(e => e.Kind, StringComparer.Ordinal);

    /// <summary>Executes the job. A job for an attempt that is no longer executing is ignored (it was already reported).</summary>
    /// <exception cref="InvalidOperationException">The result could not be recorded; the job must run again.</exception>
    public async Task RunAsync(ExecuteJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await engine.LoadAsync(job.IncidentId, cancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (incident, runbook) = loaded;
        if (incident.State != IncidentState.Executing || incident.Current is not { Attempt: var attempt } c || attempt != job.Attempt) return;
        var option = runbook.FindOption(c.OptionId);
        var facts = new List<IncidentEvent>();
        IncidentEvent result;
        if (option is null)
        {
            result = new ExecutionFailed(attempt, c.OptionId, "-", $"The pinned runbook has no option '{c.OptionId}'.");
        }
        else
        {
            result = new ExecutionSucceeded(attempt, c.OptionId, "");
            var summaries = new List<string>();
            for (var i = 0; i < option.Steps.Count; i++)
            {
                var step = option.Steps[i];
                var outcome = byKind.TryGetValue(step.Kind, out var executor)
                    ? await executor.ExecuteAsync(new StepContext(incident, c, option, step, i), cancellationToken).ConfigureAwait(false)
                    : new StepOutcome(false, $"No executor for step kind '{step.Kind}' is configured.");
                facts.Add(new StepCompleted(attempt, i, step.Id, step.Kind, outcome.Succeeded, outcome.Summary, outcome.FromVersion, outcome.ToVersion));
                if (!outcome.Succeeded)
                {
                    result = new ExecutionFailed(attempt, c.OptionId, step.Id, outcome.Summary);
                    break;
                }
                if (step.Kind != "manual") summaries.Add(outcome.Summary);
            }
            var handedOver = option.Steps.Count(s => s.Kind == "manual");
            if (handedOver > 0) summaries.Add($"{handedOver} manual step(s) handed to people.");
            if (result is ExecutionSucceeded) result = new ExecutionSucceeded(attempt, c.OptionId, string.Join(" ", summaries));
        }
        facts.Add(result);
        var trigger = result is ExecutionSucceeded ? Trigger.ExecutionSucceeded : Trigger.ExecutionFailed;
        var reported = await engine.ReportAsync(incident.Id, new SystemResultCommand(trigger, facts), $"execute:{incident.Id}:{attempt}", cancellationToken).ConfigureAwait(false);
        // Answered means nothing was recorded (the incident kept changing under us): fail the job so the outbox runs
        // it again, instead of completing it and leaving the incident in Executing for ever.
        if (reported.Outcome == CommandOutcome.Answered)
            throw new InvalidOperationException($"The {trigger} result of {incident.Id} attempt {attempt} was not recorded: {reported.Replies[0].Card.Text}");
    }
}
