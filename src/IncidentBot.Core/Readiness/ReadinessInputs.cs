using IncidentBot.Core.Changes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Drills;
using IncidentBot.Core.Execution;
using IncidentBot.Core.Governance;
using IncidentBot.Core.Runbooks;

namespace IncidentBot.Core.Readiness;

/// <summary>Everything the readiness report is decided from, gathered beforehand so that <see cref="ReadinessAssessor"/>
/// does no I/O.</summary>
/// <param name="Runbooks">The loaded runbooks, in catalog order.</param>
/// <param name="Governance">People, groups, identities and responder groups.</param>
/// <param name="Surfaces">The chat surfaces enabled (<c>console</c>, <c>slack</c>, <c>teams</c>).</param>
/// <param name="Changes">Every change record (all services).</param>
/// <param name="Engine">Engine settings (approval timers, escalation groups, default runbook).</param>
/// <param name="Execution">Executor settings (<c>Executors:Settings</c> and <c>DrillSettings</c>).</param>
/// <param name="Evidence">What the evidence store showed.</param>
/// <param name="Probes">Health probes of the origins runbooks call (<see cref="ReadinessOrigins"/>).</param>
/// <param name="Drills">The last drill per service (ignoring case); a missing entry or null means never drilled.</param>
/// <param name="Now">When the facts were gathered.</param>
/// <param name="DrillMaxAge">A last drill older than this is a warning.</param>
public sealed record ReadinessInputs(
    IReadOnlyList<Runbook> Runbooks,
    GovernanceOptions Governance,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<ChangeRecord> Changes,
    EngineOptions Engine,
    ExecutionSettings Execution,
    EvidenceFacts Evidence,
    IReadOnlyList<EndpointProbe> Probes,
    IReadOnlyDictionary<string, DrillReport?> Drills,
    DateTimeOffset Now,
    TimeSpan DrillMaxAge);
