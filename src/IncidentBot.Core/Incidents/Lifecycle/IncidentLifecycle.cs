using Stateless;
using Stateless.Reflection;
using static IncidentBot.Core.Incidents.IncidentState;

namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>
/// The incident lifecycle as a Stateless machine. One instance is one machine built around a mutable context (the
/// state it is asked about and the guard inputs), so a fold or a decision builds it once and asks it many times; it
/// is not thread-safe, and <see cref="ForThisThread"/> keeps one per thread for the default rules.
/// Side effects never live here: the machine only answers "may this trigger fire now, and where does it lead".
/// </summary>
public sealed class IncidentLifecycle
{
    /// <summary>States from which nothing but notes can happen.</summary>
    public static readonly IReadOnlyList<IncidentState> Terminal = [Closed, Cancelled];

    /// <summary>Every state that is not terminal.</summary>
    public static readonly IReadOnlyList<IncidentState> Open = [.. Enum.GetValues<IncidentState>().Where(s => !Terminal.Contains(s))];

    // Superstates. Stateless needs them as states of the machine, but no incident is ever in one, so they are values
    // outside the enum: AnyOpen holds what every open state shares (cancel, note, assign, re-triage), written once.
    internal const IncidentState AnyOpen = (IncidentState)(-1);
    internal const IncidentState AnyState = (IncidentState)(-2);

    [ThreadStatic] private static IncidentLifecycle? perThread;

    // Read off the machine's own description once: the triggers that have no move leaving any state.
    private static readonly Lazy<HashSet<Trigger>> InPlaceOnly = new(() =>
    {
        var info = new IncidentLifecycle().Describe();
        var leaving = info.States.SelectMany(s => s.FixedTransitions.Where(t => Leaves(s, t))
            .Select(t => (Trigger)t.Trigger.UnderlyingTrigger)).ToHashSet();
        return [.. Enum.GetValues<Trigger>().Where(t => !leaving.Contains(t))];
    });

    private readonly StateMachine<IncidentState, Trigger> machine;
    private IncidentState state;
    private LifecycleInputs inputs;
    private ICollection<string>? unhandled;

    /// <summary>Builds the machine with <paramref name="rules"/> (the default rules when null).</summary>
    public IncidentLifecycle(LifecycleRules? rules = null)
    {
        Rules = rules ?? LifecycleRules.Default;
        machine = new StateMachine<IncidentState, Trigger>(() => state, s => state = s);
        Configure(Rules);
        machine.OnUnhandledTrigger((_, _, unmet) => unhandled = unmet ?? []);
    }

    /// <summary>The rules this machine decides by.</summary>
    public LifecycleRules Rules { get; }

    /// <summary>This thread's machine for <paramref name="rules"/>: reused while the rules are the default ones, built
    /// afresh otherwise.</summary>
    public static IncidentLifecycle ForThisThread(LifecycleRules? rules = null) =>
        rules is null || ReferenceEquals(rules, LifecycleRules.Default) ? perThread ??= new IncidentLifecycle() : new IncidentLifecycle(rules);

    /// <summary>Fires <paramref name="trigger"/> in <paramref name="from"/> with <paramref name="guardInputs"/> and says
    /// where it leads, or which guard refused it.</summary>
    public LifecycleMove Decide(IncidentState from, Trigger trigger, LifecycleInputs guardInputs)
    {
        (state, inputs, unhandled) = (from, guardInputs, null);
        machine.Fire(trigger);
        if (unhandled is null) return new LifecycleMove(true, from, state, null);
        var unmet = unhandled.Select(Rules.Find).FirstOrDefault(g => g is not null);
        return new LifecycleMove(false, from, from, unmet);
    }

    /// <summary>True when <paramref name="trigger"/> leaves no state in any state (a note, progress, a learning...):
    /// folding needs no decision to know where it leads.</summary>
    public static bool NeverLeavesAState(Trigger trigger) => InPlaceOnly.Value.Contains(trigger);

    /// <summary>The triggers that may fire in <paramref name="current"/> with <paramref name="guardInputs"/>, in the
    /// order of <see cref="Trigger"/>: what cards offer as buttons.</summary>
    public IReadOnlyList<Trigger> Permitted(IncidentState current, LifecycleInputs guardInputs)
    {
        (state, inputs) = (current, guardInputs);
        // The synchronous PermittedTriggers is obsolete in Stateless 5.20; every guard here is synchronous, so the
        // asynchronous form has already completed when it returns.
        var pending = machine.GetPermittedTriggersAsync();
        if (!pending.IsCompletedSuccessfully) throw new InvalidOperationException("A lifecycle guard did not complete synchronously.");
        var permitted = pending.Result.ToHashSet();
        return [.. Enum.GetValues<Trigger>().Where(permitted.Contains)];
    }

    /// <summary>True when <paramref name="transition"/>, described on <paramref name="state"/>, leaves it (not an
    /// internal transition, not a re-entry).</summary>
    internal static bool Leaves(StateInfo state, FixedTransitionInfo transition) =>
        !transition.IsInternalTransition && !Equals(transition.DestinationState.UnderlyingState, state.UnderlyingState);

    /// <summary>The machine's own description (states, superstates, transitions, guard names).</summary>
    public StateMachineInfo Describe() => machine.GetInfo();

    /// <summary>The lifecycle as a Mermaid state diagram (the one in README.md).</summary>
    public static string ToMermaid() => LifecycleDiagram.Mermaid(new IncidentLifecycle().Describe());

    private void Configure(LifecycleRules r)
    {
        machine.Configure(AnyState)
            .InternalTransition(Trigger.Note, NoAction);
        machine.Configure(AnyOpen).SubstateOf(AnyState)
            .Permit(Trigger.Cancel, Cancelled)
            .InternalTransition(Trigger.AssignRole, NoAction)
            .InternalTransition(Trigger.Triage, NoAction);

        machine.Configure(Triage).SubstateOf(AnyOpen)
            .Permit(Trigger.Triage, ContainmentChoice);

        foreach (var s in (IncidentState[])[ContainmentChoice, ExecutionFailed, VerificationFailed])
        {
            machine.Configure(s).SubstateOf(AnyOpen)
                .PermitIf(Trigger.ChooseContainment, AwaitingApproval, Guard(r.NeedsApproval), r.NeedsApproval.Description)
                .PermitIf(Trigger.ChooseContainment, Executing, Guard(r.NoApprovalNeeded), r.NoApprovalNeeded.Description)
                .PermitIf(Trigger.BreakGlass, Executing, Guard(r.BreakGlassAllowed), r.BreakGlassAllowed.Description)
                .Permit(Trigger.ConfirmRecovered, Recovered);
        }

        machine.Configure(AwaitingApproval).SubstateOf(AnyOpen)
            .PermitIf(Trigger.Approve, Executing, Guard(r.QuorumReached), r.QuorumReached.Description)
            .PermitReentryIf(Trigger.Approve, Guard(r.MoreApprovalsNeeded), r.MoreApprovalsNeeded.Description)
            .Permit(Trigger.Reject, ContainmentChoice)
            .Permit(Trigger.ApprovalExpired, ContainmentChoice)
            .InternalTransition(Trigger.Progress, NoAction);

        machine.Configure(Executing).SubstateOf(AnyOpen)
            .Permit(Trigger.ExecutionSucceeded, Verifying)
            .Permit(Trigger.ExecutionFailed, ExecutionFailed)
            .InternalTransition(Trigger.Progress, NoAction);

        machine.Configure(ExecutionFailed)
            .Permit(Trigger.RetryExecution, Executing)
            .PermitIf(Trigger.ContinueExecution, Executing, Guard(r.ExecutionInterrupted), r.ExecutionInterrupted.Description);

        machine.Configure(Verifying).SubstateOf(AnyOpen)
            .Permit(Trigger.VerificationPassed, Recovered)
            .Permit(Trigger.VerificationFailed, VerificationFailed)
            .PermitReentry(Trigger.VerificationInconclusive)
            .Permit(Trigger.ConfirmRecovered, Recovered)
            .InternalTransition(Trigger.Progress, NoAction);

        machine.Configure(Recovered).SubstateOf(AnyOpen)
            .Permit(Trigger.StartReview, InReview)
            .PermitIf(Trigger.LiftControl, AwaitingApproval, Guards(r.ControlInForce, r.NeedsApproval))
            .PermitIf(Trigger.LiftControl, Executing, Guards(r.ControlInForce, r.NoApprovalNeeded));

        machine.Configure(InReview).SubstateOf(AnyOpen)
            .InternalTransition(Trigger.RecordLearning, NoAction)
            .InternalTransition(Trigger.AddFollowUp, NoAction)
            .InternalTransition(Trigger.RecordFactor, NoAction)
            .InternalTransition(Trigger.AnswerQuestion, NoAction)
            .InternalTransition(Trigger.Progress, NoAction)
            .PermitIf(Trigger.Close, Closed, Guard(r.NoAfterTheFactApprovalPending), r.NoAfterTheFactApprovalPending.Description);

        // A break-glass containment is approved after the fact wherever the incident has got to since.
        foreach (var s in (IncidentState[])[Executing, ExecutionFailed, Verifying, VerificationFailed, Recovered, InReview])
            machine.Configure(s).PermitReentryIf(Trigger.Approve, Guard(r.AfterTheFactApprovalPending), r.AfterTheFactApprovalPending.Description);

        machine.Configure(Closed).SubstateOf(AnyState);
        machine.Configure(Cancelled).SubstateOf(AnyState);
    }

    private Func<bool> Guard(LifecycleGuard guard) => () => guard.Holds(inputs);

    private Tuple<Func<bool>, string>[] Guards(params LifecycleGuard[] guards) =>
        [.. guards.Select(g => Tuple.Create(Guard(g), g.Description))];

    private static void NoAction() { }
}
