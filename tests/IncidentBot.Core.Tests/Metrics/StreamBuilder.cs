using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Tests.Metrics;

/// <summary>Builds an incident stream by hand: each event at a number of seconds after <see cref="Start"/>.</summary>
internal sealed class StreamBuilder(string id)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<EvidenceEvent> events = [];

    public StreamBuilder At(double seconds, string actor, IncidentEvent payload)
    {
        events.Add(new EvidenceEvent(id, events.Count + 1, Guid.NewGuid().ToString(), EventCodec.TypeName(payload), actor,
            actor == "system" ? Surfaces.System : Surfaces.Console, Start.AddSeconds(seconds), EventCodec.Serialize(payload), null, "", ""));
        return this;
    }

    public IReadOnlyList<EvidenceEvent> Events => events;
}
