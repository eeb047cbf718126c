using IncidentBot.Core.Incidents;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Commands;

/// <summary>
/// Results the bot reports about its own work (execution, verification). No surface can type these: the grammar has
/// no verbs for them, and the engine refuses them from anyone but <see cref="Governance.Actor.System"/>.
/// </summary>
public sealed record SystemResultCommand(Trigger Result, IReadOnlyList<IncidentEvent> Facts) : IncidentCommand
{
    /// <inheritdoc />
    public override string Verb => "system:" + Result;
    /// <inheritdoc />
    public override Trigger? Trigger => Result;
}
