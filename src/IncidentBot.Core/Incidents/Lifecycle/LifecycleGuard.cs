namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>One condition of the lifecycle, in one place: the name diagrams and Stateless know it by, the sentence a
/// person reads when a move is refused because it does not hold, and the test itself.</summary>
/// <param name="Description">Short name, shown in the README diagram (<c>Approve [quorum reached]</c>).</param>
/// <param name="WhenUnmet">What a person reads when the move is refused because this does not hold; completed by
/// <see cref="RefusalText"/> with where the incident is.</param>
/// <param name="Holds">The test.</param>
public sealed record LifecycleGuard(string Description, string WhenUnmet, Func<LifecycleInputs, bool> Holds);
