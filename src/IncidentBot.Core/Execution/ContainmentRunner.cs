using IncidentBot.Core.Outbox;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Execution;

/// <summary>
/// Runs the steps of an incident's current containment in order, stops at the first failure, and reports the result
/// to the engine as the system actor. Runs from the outbox, never inside a person's request. Before each step it
/// records <see cref="StepStarted"/>, so if the bot dies mid-step the next run knows: an idempotent step is simply run
/// again; any other step is never re-run silently — the incident moves to ExecutionFailed, interrupted at that step,
/// and a person decides (retry, continue after it, or fall back).
/// </summary>
public sealed class ContainmentRunner(IncidentEngine engine, IEnumerable<IExecutor> executors) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.Execute;

    /// <inheritdoc />
    public Task RunAsync(OutboxItem item, CancellationToken cancellationToken) => RunAsync(OutboxDrafts.Read<ExecuteJob>(item), cancellationToken);

    private readonly Dictionary<string, IExecutor> byKind = executors.ToDictionary(e => e.Kind, StringComparer.Ordinal);

    /// <summary>Executes the job. A job for an attempt that is no longer executing is ignored (it was already reported).</summary>
    public async Task RunAsync(ExecuteJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await engine.LoadAsync(job.IncidentId, cancellationToken).ConfigureAwait(false) is not { } loaded) return;
        var (incident, runbook) = loaded;
        if (incident.State != IncidentState.Executing || incident.Current is not { Attempt: var attempt } c || attempt != job.Attempt) return;
        var run = $"{incident.Id}:{attempt}:{c.Resumptions}";
        var option = runbook.FindOption(c.OptionId);
        if (option is null)
        {
            await FinishAsync(incident.Id, run, [new ExecutionFailed(attempt, c.OptionId, "-", $"The pinned runbook has no option '{c.OptionId}'.")], cancellationToken).ConfigureAwait(false);
            return;
        }

        var facts = new List<IncidentEvent>();
        for (var i = 0; i < option.Steps.Count; i++)
        {
            var step = option.Steps[i];
            var state = c.StepStateOf(i);
            if (state is StepState.Done or StepState.DoneByHand) continue;
            if (state == StepState.Started && !step.Idempotent)
            {
                facts.Add(new ExecutionFailed(attempt, c.OptionId, step.Id,
                    $"The bot stopped during step {i + 1} ({step.Id}), which is not marked idempotent, so it was not run again.", i));
                await FinishAsync(incident.Id, run, facts, cancellationToken).ConfigureAwait(false);
                return;
            }
            // Recorded (durably) before the step runs: the evidence that tells an interrupted run from a finished one.
            await ReportAsync(incident.Id, Trigger.Progress, [new StepStarted(attempt, i, step.Id, step.Kind, step.Idempotent)],
                $"step:{run}:{i}", cancellationToken).ConfigureAwait(false);
            var outcome = await RunStepAsync(incident, c, option, step, i, cancellationToken).ConfigureAwait(false);
            facts.Add(new StepCompleted(attempt, i, step.Id, step.Kind, outcome.Succeeded, outcome.Summary, outcome.FromVersion, outcome.ToVersion));
            if (!outcome.Succeeded)
            {
                facts.Add(new ExecutionFailed(attempt, c.OptionId, step.Id, outcome.Summary));
                await FinishAsync(incident.Id, run, facts, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        facts.Add(new ExecutionSucceeded(attempt, c.OptionId, Summarise(option, facts)));
        await FinishAsync(incident.Id, run, facts, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StepOutcome> RunStepAsync(Incident incident, Containment c, ContainmentOption option, ExecutionStep step, int index, CancellationToken cancellationToken) =>
        byKind.TryGetValue(step.Kind, out var executor)
            ? await executor.ExecuteAsync(new StepContext(incident, c, option, step, index), cancellationToken).ConfigureAwait(false)
            : new StepOutcome(false, $"No executor for step kind '{step.Kind}' is configured.");

    private static string Summarise(ContainmentOption option, List<IncidentEvent> facts)
    {
        var summaries = facts.OfType<StepCompleted>().Where(s => s.Kind != "manual").Select(s => s.Summary).ToList();
        var handedOver = option.Steps.Count(s => s.Kind == "manual");
        if (handedOver > 0) summaries.Add($"{handedOver} manual step(s) handed to people.");
        return string.Join(" ", summaries);
    }

    private Task FinishAsync(string incidentId, string run, List<IncidentEvent> facts, CancellationToken cancellationToken) =>
        ReportAsync(incidentId, facts[^1] is ExecutionSucceeded ? Trigger.ExecutionSucceeded : Trigger.ExecutionFailed, facts, $"execute:{run}", cancellationToken);

    private async Task ReportAsync(string incidentId, Trigger trigger, IReadOnlyList<IncidentEvent> facts, string deliveryId, CancellationToken cancellationToken)
    {
        await engine.ReportJobResultAsync(incidentId, new SystemResultCommand(trigger, facts), deliveryId, cancellationToken).ConfigureAwait(false);
    }
}
