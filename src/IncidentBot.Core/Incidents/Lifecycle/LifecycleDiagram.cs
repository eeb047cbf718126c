using System.Text;
using Stateless.Reflection;

namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>
/// Formats the machine's own description (<see cref="IncidentLifecycle.Describe"/>) as the compact Mermaid diagram in
/// README.md: one arrow per pair of states with the labels of parallel moves merged, moves inherited from a superstate
/// drawn from each state that inherits them, moves that stay in place left out and listed in a note, and <c>[*]</c>
/// for the start and for every state nothing leaves.
/// </summary>
public static class LifecycleDiagram
{
    /// <summary>The Mermaid <c>stateDiagram-v2</c> of <paramref name="info"/>.</summary>
    public static string Mermaid(StateMachineInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var states = info.States.Where(s => IsIncidentState(s)).OrderBy(s => (int)State(s)).ToList();
        var sb = new StringBuilder("stateDiagram-v2\n");
        sb.Append("    [*] --> ").Append(State(info.InitialState)).Append('\n');
        foreach (var s in states) Edges(sb, s, s.FixedTransitions);
        foreach (var s in states) Edges(sb, s, Ancestors(s).SelectMany(a => a.FixedTransitions));
        foreach (var s in states.Where(s => !Ancestors(s).Prepend(s).SelectMany(a => a.FixedTransitions).Any(t => IncidentLifecycle.Leaves(s, t))))
            sb.Append("    ").Append(State(s)).Append(" --> [*]\n");
        InPlaceNote(sb, info, states[^1]);
        return sb.ToString();
    }

    private static void Edges(StringBuilder sb, StateInfo from, IEnumerable<FixedTransitionInfo> transitions)
    {
        foreach (var group in transitions.Where(t => IncidentLifecycle.Leaves(from, t)).GroupBy(t => State(t.DestinationState)))
        {
            sb.Append("    ").Append(State(from)).Append(" --> ").Append(group.Key)
              .Append(" : ").Append(string.Join(", ", group.Select(Label).Distinct())).Append('\n');
        }
    }

    // The moves that leave nothing: one line per state or superstate that has any, in a note beside the last state.
    private static void InPlaceNote(StringBuilder sb, StateMachineInfo info, StateInfo anchor)
    {
        var lines = info.States
            .OrderBy(s => IsIncidentState(s) ? 1 : 0).ThenBy(s => (int)State(s))
            .Select(s => (Owner: s, Labels: s.FixedTransitions.Where(t => !IncidentLifecycle.Leaves(s, t)).Select(Label).Distinct().ToList()))
            .Where(x => x.Labels.Count > 0)
            .Select(x => $"{Owner(x.Owner)}: {string.Join(", ", x.Labels)}")
            .ToList();
        if (lines.Count == 0) return;
        sb.Append("    note right of ").Append(State(anchor)).Append('\n');
        sb.Append("        Moves that stay in place\n");
        foreach (var line in lines) sb.Append("        ").Append(line).Append('\n');
        sb.Append("    end note\n");
    }

    private static string Label(FixedTransitionInfo t)
    {
        var guards = t.GuardConditionsMethodDescriptions.Select(g => g.Description)
            .Where(d => d != InvocationInfo.DefaultFunctionDescription).ToList();
        return guards.Count == 0 ? $"{t.Trigger.UnderlyingTrigger}" : $"{t.Trigger.UnderlyingTrigger} [{string.Join(", ", guards)}]";
    }

    private static IEnumerable<StateInfo> Ancestors(StateInfo s)
    {
        for (var a = s.Superstate; a is not null; a = a.Superstate) yield return a;
    }

    private static string Owner(StateInfo s) => State(s) switch
    {
        IncidentLifecycle.AnyState => "every state",
        IncidentLifecycle.AnyOpen => "every open state",
        var state => state.ToString(),
    };

    private static bool IsIncidentState(StateInfo s) => Enum.IsDefined(State(s));

    private static IncidentState State(StateInfo s) => (IncidentState)s.UnderlyingState;
}
