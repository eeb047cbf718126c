using BenchmarkDotNet.Attributes;
using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// One lifecycle decision: today's table (<c>Table.Resolve</c>, built from git) against the Stateless machine reused
/// per thread, and against a machine built for the one decision. Same state, trigger and guard inputs: the old
/// context wraps an incident folded into AwaitingApproval, the new inputs are computed from the same incident.
/// Also the whole command decision of the new code (<see cref="CommandScenario"/>), for scale.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private LegacyLifecycleApi legacy = null!;
    private object oldIncident = null!;
    private int oldState;
    private int oldTrigger;
    private int candidateApprovals;
    private IncidentState state;
    private Trigger trigger;
    private LifecycleInputs inputs;
    private CommandScenario scenario = null!;

    /// <summary>The decision measured.</summary>
    [ParamsAllValues]
    public DecisionCase Case { get; set; }

    /// <summary>Loads the baseline, folds both incidents to AwaitingApproval and checks old and new decide alike.</summary>
    [GlobalSetup]
    public void Setup()
    {
        legacy = LegacyLifecycleApi.FromEnvironment();
        var script = IncidentScript.Recorded();
        var opening = script.Take(IncidentScript.ToAwaitingApproval).ToList();
        oldIncident = legacy.Fold(IncidentScript.Id, legacy.Events(IncidentScript.Id, opening)) ?? throw new InvalidOperationException("Old fold was empty.");
        var incident = Incident.FromEvents(IncidentScript.Id, IncidentScript.AsEvidence(opening)) ?? throw new InvalidOperationException("New fold was empty.");
        if (legacy.StateOf(oldIncident) != nameof(IncidentState.AwaitingApproval) || incident.State != IncidentState.AwaitingApproval)
            throw new InvalidOperationException($"Expected AwaitingApproval, got old {legacy.StateOf(oldIncident)} and new {incident.State}.");

        (state, trigger, candidateApprovals) = Case switch
        {
            DecisionCase.ApproveWithQuorum => (IncidentState.AwaitingApproval, Trigger.Approve, 1),
            _ => (IncidentState.ContainmentChoice, Trigger.ChooseContainment, 1),
        };
        inputs = incident.LifecycleInputs(candidateApprovals);
        (oldState, oldTrigger) = (legacy.State(state.ToString()), legacy.Trigger(trigger.ToString()));

        scenario = CommandScenario.For(Case, script);
        if (FullCommand() is { Accepted: false } refused) throw new InvalidOperationException($"{Case}: the command was refused: {refused.Refusal}");

        var oldTo = OldTable();
        var newTo = Stateless();
        if (oldTo < 0 || legacy.StateName(oldTo) != newTo.ToString() || NewMachinePerDecision() != newTo)
            throw new InvalidOperationException($"{Case}: the old table leads to {(oldTo < 0 ? "a refusal" : legacy.StateName(oldTo))}, Stateless to {newTo}.");
    }

    /// <summary>Today's table: <c>IncidentLifecycle.Table.Resolve(state, trigger, new LifecycleContext(...))</c>.</summary>
    [Benchmark(Baseline = true, Description = "today's table")]
    public int OldTable() => legacy.Resolve(oldState, oldTrigger, oldIncident, candidateApprovals, false);

    /// <summary>Stateless, this thread's machine: <c>IncidentLifecycle.ForThisThread().Decide(...)</c>.</summary>
    [Benchmark(Description = "Stateless, per-thread machine")]
    public IncidentState Stateless() => IncidentLifecycle.ForThisThread().Decide(state, trigger, inputs).To;

    /// <summary>Stateless, a machine built for this one decision: <c>new IncidentLifecycle().Decide(...)</c>.</summary>
    [Benchmark(Description = "Stateless, machine built per decision")]
    public IncidentState NewMachinePerDecision() => new IncidentLifecycle().Decide(state, trigger, inputs).To;

    /// <summary>The whole command decision of the new code: <c>incident.Decide(command, context)</c> (lifecycle on the
    /// per-thread machine, then governance and runbook checks, then the event to record).</summary>
    [Benchmark(Description = "Incident.Decide (whole command)")]
    public Decision FullCommand() => scenario.Incident.Decide(scenario.Command, scenario.Context);
}
