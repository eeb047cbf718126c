using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Incidents;

/// <summary>What a decision may look at besides the incident itself.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="Runbook">The runbook version the incident is pinned to.</param>
/// <param name="People">Who is who (responders, assignable people).</param>
/// <param name="RollbackTarget">For a rollback choice: the versions resolved from the change log, or null when none.</param>
/// <param name="CoupledTargets">For a rollback whose option declares <c>moves_with</c>: each coupled layer's
/// resolved versions (null for a layer with nothing to roll back to).</param>
public sealed record DecisionContext(Actor Actor, Runbook Runbook, PeopleDirectory People, RollbackTarget? RollbackTarget = null,
    IReadOnlyDictionary<string, RollbackTarget?>? CoupledTargets = null);

/// <summary>Where a rollback goes: from the live version to the last approved one before it.</summary>
public sealed record RollbackTarget(string FromVersion, string ToVersion);
