using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Lifecycle;
using Stateless.Reflection;

namespace IncidentBot.Core.Tests.Incidents.Lifecycle;

/// <summary>The guards of one state and trigger never hold together (Stateless refuses to choose between two), for
/// every state, trigger and combination of guard inputs; and every guard the machine names is one of the rules, with
/// its own refusal sentence.</summary>
public sealed class LifecycleGuardTests
{
    [Fact]
    public void Fire_EveryStateTriggerAndGuardInput_AtMostOneGuardHoldsAndTheMachineAgrees()
    {
        // Arrange
        var lifecycle = new IncidentLifecycle();
        var info = lifecycle.Describe();
        var rules = LifecycleRules.Default;
        var problems = new List<string>();

        // Act
        foreach (var state in LifecycleCases.States)
            foreach (var trigger in LifecycleCases.Triggers)
                foreach (var inputs in LifecycleCases.Inputs)
                {
                    // Stateless looks in the state first, then in each superstate outwards, and takes the level where
                    // some move's guards all hold: exactly one move may hold there.
                    IncidentState? expected = null;
                    foreach (var level in Levels(info, state))
                    {
                        var holding = level.FixedTransitions
                            .Where(t => Equals(t.Trigger.UnderlyingTrigger, trigger) && AllHold(t, rules, inputs)).ToList();
                        if (holding.Count > 1) problems.Add($"{state} {trigger} {inputs}: {holding.Count} guards hold at {level.UnderlyingState}");
                        if (holding.Count == 0) continue;
                        expected = holding[0].IsInternalTransition ? state : (IncidentState)holding[0].DestinationState.UnderlyingState;
                        break;
                    }

                    LifecycleMove move;
                    try { move = lifecycle.Decide(state, trigger, inputs); }
                    catch (InvalidOperationException e) { problems.Add($"{state} {trigger} {inputs}: {e.Message}"); continue; }
                    if (move.Permitted != expected.HasValue || (expected is { } to && move.To != to))
                        problems.Add($"{state} {trigger} {inputs}: machine says {move.Permitted} -> {move.To}, guards say {expected}");
                }

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void Describe_EveryGuardTheMachineNames_IsARuleWithItsOwnRefusal()
    {
        // Arrange
        var info = new IncidentLifecycle().Describe();
        var rules = LifecycleRules.Default;

        // Act
        var named = info.States.SelectMany(s => s.FixedTransitions).SelectMany(t => t.GuardConditionsMethodDescriptions)
            .Select(g => g.Description).Where(d => d != InvocationInfo.DefaultFunctionDescription).Distinct().ToList();

        // Assert
        Assert.All(named, d => Assert.NotNull(rules.Find(d)));
        Assert.Equal(rules.All.Count, rules.All.Select(g => g.Description).Distinct().Count());
        Assert.Equal(rules.All.Count, rules.All.Select(g => g.WhenUnmet).Distinct().Count());
        Assert.All(rules.All, g => Assert.Contains(g.Description, named));
    }

    private static IEnumerable<StateInfo> Levels(StateMachineInfo info, IncidentState state)
    {
        for (var level = info.States.Single(s => Equals(s.UnderlyingState, state)); level is not null; level = level.Superstate)
            yield return level;
    }

    private static bool AllHold(FixedTransitionInfo t, LifecycleRules rules, LifecycleInputs inputs) =>
        t.GuardConditionsMethodDescriptions.All(g => g.Description == InvocationInfo.DefaultFunctionDescription || rules.Find(g.Description)!.Holds(inputs));
}
