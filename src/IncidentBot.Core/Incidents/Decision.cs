using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Incidents;

/// <summary>What the incident decided about a command: new events, or a refusal with its reason.</summary>
public sealed record Decision(IReadOnlyList<IncidentEvent> Events, string? Refusal)
{
    /// <summary>True when the command was accepted.</summary>
    public bool Accepted => Refusal is null;

    /// <summary>Accept with these events.</summary>
    public static Decision Accept(params IncidentEvent[] events) => new(events, null);

    /// <summary>Refuse, saying why in words the person can act on.</summary>
    public static Decision Refuse(string reason) => new([], reason);
}
