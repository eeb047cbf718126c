namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>The lifecycle's answer to one trigger in one state.</summary>
/// <param name="Permitted">Whether the trigger may fire.</param>
/// <param name="From">The state it was asked in.</param>
/// <param name="To">Where it leads (<paramref name="From"/> when refused).</param>
/// <param name="Unmet">When refused by a guard: the first guard that did not hold. Null when permitted, or when this
/// state has no move for the trigger at all.</param>
public readonly record struct LifecycleMove(bool Permitted, IncidentState From, IncidentState To, LifecycleGuard? Unmet)
{
    /// <summary>The recorded form of this move.</summary>
    public StateChange Change => new(From, To);
}
