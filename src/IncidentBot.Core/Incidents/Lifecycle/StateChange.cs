using System.Text.Json.Serialization;

namespace IncidentBot.Core.Incidents.Lifecycle;

/// <summary>The move an event made when it was decided, recorded on the event (<c>"moved":{"from":…,"to":…}</c>).
/// Folding applies it as written; the guards that chose it are never asked again.</summary>
/// <param name="From">State before the event.</param>
/// <param name="To">State after it (the same for moves that stay in place, and for a move the lifecycle refused).</param>
[JsonConverter(typeof(StateChangeJsonConverter))]
public sealed record StateChange(IncidentState From, IncidentState To);
