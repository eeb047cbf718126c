using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Incidents.Events;

/// <summary>
/// Base of every incident event payload. The event's type name in evidence is the record's name; payloads are
/// stored as compact camelCase JSON (<see cref="EventCodec"/>).
/// </summary>
public abstract record IncidentEvent
{
    /// <summary>The trigger this event records, or null for facts that are not lifecycle moves (refusals, steps).</summary>
    [JsonIgnore]
    public abstract Trigger? Trigger { get; }

    /// <summary>True for events that change the incident (everything but refusals), which count in its version.</summary>
    [JsonIgnore]
    public virtual bool CountsAsChange => true;

    /// <summary>The lifecycle move this event made, recorded when it was decided (<see cref="Incident.Record"/>);
    /// null on events that fire no trigger and on events stored before moves were recorded.</summary>
    public StateChange? Moved { get; init; }
}

/// <summary>Serialises event payloads to and from evidence JSON by type name.</summary>
public static class EventCodec
{
    /// <summary>The JSON options of every payload: camelCase, enums as camelCase strings, compact.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Dictionary<string, Type> Types = typeof(IncidentEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(IncidentEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The evidence type name of a payload.</summary>
    public static string TypeName(IncidentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.GetType().Name;
    }

    /// <summary>Compact JSON of a payload.</summary>
    public static string Serialize(IncidentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonSerializer.Serialize(e, e.GetType(), Options);
    }

    /// <summary>The payload of a stored event, or null when the type is not an incident event.</summary>
    public static IncidentEvent? Deserialize(string typeName, string json) =>
        Types.TryGetValue(typeName, out var type) ? (IncidentEvent?)JsonSerializer.Deserialize(json, type, Options) : null;
}
