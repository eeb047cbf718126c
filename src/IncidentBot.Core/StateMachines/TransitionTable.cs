using System.Text;

namespace IncidentBot.Core.StateMachines;

/// <summary>
/// A state machine as a table (Stateless's shape, without its fluent sprawl): rows of
/// (from, trigger, to, optional guard). State lives outside the table; the table only answers "may this trigger fire
/// in this state, given this context, and where does it lead". Side effects never live here.
/// Rows are tried in the order they were added; the first whose guard holds wins.
/// </summary>
/// <typeparam name="TState">State enum.</typeparam>
/// <typeparam name="TTrigger">Trigger enum.</typeparam>
/// <typeparam name="TContext">What guards look at.</typeparam>
public sealed class TransitionTable<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly List<Row> rows = [];

    /// <summary>The rows, in the order they were added.</summary>
    public IReadOnlyList<Row> Rows => rows;

    /// <summary>Permits <paramref name="trigger"/> in <paramref name="from"/>, leading to <paramref name="to"/>.</summary>
    public TransitionTable<TState, TTrigger, TContext> Permit(TState from, TTrigger trigger, TState to) =>
        Add(new Row(from, trigger, to, null, null));

    /// <summary>Permits <paramref name="trigger"/> in <paramref name="from"/> when <paramref name="guard"/> holds.
    /// <paramref name="guardName"/> names the condition in diagrams; <paramref name="whenFalse"/> is the reason given
    /// when no row of this trigger fires because guards failed.</summary>
    public TransitionTable<TState, TTrigger, TContext> PermitIf(
        TState from, TTrigger trigger, TState to, Func<TContext, bool> guard, string guardName, string whenFalse)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return Add(new Row(from, trigger, to, new Guard(guard, guardName, whenFalse), null));
    }

    /// <summary>Permits <paramref name="trigger"/> in every state of <paramref name="states"/>, staying in the same state.</summary>
    public TransitionTable<TState, TTrigger, TContext> PermitReentryIn(IEnumerable<TState> states, TTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var s in states) Add(new Row(s, trigger, s, null, null));
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> from every state of <paramref name="states"/> to <paramref name="to"/>.</summary>
    public TransitionTable<TState, TTrigger, TContext> PermitFrom(IEnumerable<TState> states, TTrigger trigger, TState to)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var s in states) Add(new Row(s, trigger, to, null, null));
        return this;
    }

    /// <summary>Where <paramref name="trigger"/> leads from <paramref name="state"/> given <paramref name="context"/>.</summary>
    public Resolution Resolve(TState state, TTrigger trigger, TContext context)
    {
        string? guardReason = null;
        foreach (var row in rows)
        {
            if (!EqualityComparer<TState>.Default.Equals(row.From, state) ||
                !EqualityComparer<TTrigger>.Default.Equals(row.Trigger, trigger)) continue;
            if (row.Guard is null || row.Guard.Condition(context)) return new Resolution(true, row.To, null);
            guardReason ??= row.Guard.WhenFalse;
        }
        return guardReason is null
            ? new Resolution(false, state, $"'{trigger}' is not possible now")
            : new Resolution(false, state, guardReason);
    }

    /// <summary>True when some row permits <paramref name="trigger"/> in <paramref name="state"/> right now.</summary>
    public bool CanFire(TState state, TTrigger trigger, TContext context) => Resolve(state, trigger, context).Permitted;

    /// <summary>Triggers that can fire in <paramref name="state"/> right now, in table order, without repeats.</summary>
    public IReadOnlyList<TTrigger> PermittedTriggers(TState state, TContext context) =>
        rows.Where(r => EqualityComparer<TState>.Default.Equals(r.From, state))
            .Select(r => r.Trigger).Distinct().Where(t => CanFire(state, t, context)).ToList();

    /// <summary>True when the table has any row for this state and trigger, whatever the guards say.</summary>
    public bool Mentions(TState state, TTrigger trigger) =>
        rows.Any(r => EqualityComparer<TState>.Default.Equals(r.From, state) &&
                      EqualityComparer<TTrigger>.Default.Equals(r.Trigger, trigger));

    /// <summary>The table as a Mermaid <c>stateDiagram-v2</c>. Rows that stay in their state are left out when
    /// <paramref name="includeReentry"/> is false, to keep the picture readable.</summary>
    public string ToMermaid(TState? initial = null, IEnumerable<TState>? final = null, bool includeReentry = false)
    {
        var sb = new StringBuilder("stateDiagram-v2\n");
        if (initial is { } i) sb.Append("    [*] --> ").Append(i).Append('\n');
        foreach (var group in rows
                     .Where(r => includeReentry || !EqualityComparer<TState>.Default.Equals(r.From, r.To))
                     .GroupBy(r => (r.From, r.To)))
        {
            var labels = group.Select(r => r.Guard is null ? r.Trigger.ToString() : $"{r.Trigger} [{r.Guard.Name}]").Distinct();
            sb.Append("    ").Append(group.Key.From).Append(" --> ").Append(group.Key.To)
              .Append(" : ").Append(string.Join(", ", labels)).Append('\n');
        }
        foreach (var f in final ?? []) sb.Append("    ").Append(f).Append(" --> [*]\n");
        return sb.ToString();
    }

    private TransitionTable<TState, TTrigger, TContext> Add(Row row)
    {
        rows.Add(row);
        return this;
    }

    /// <summary>One row of the table.</summary>
    public sealed record Row(TState From, TTrigger Trigger, TState To, Guard? Guard, string? Note);

    /// <summary>A named guard condition and the reason given when it is false.</summary>
    public sealed record Guard(Func<TContext, bool> Condition, string Name, string WhenFalse);

    /// <summary>The answer of <see cref="Resolve"/>: permitted or not, the target state, and why not.</summary>
    public readonly record struct Resolution(bool Permitted, TState To, string? Reason);
}
