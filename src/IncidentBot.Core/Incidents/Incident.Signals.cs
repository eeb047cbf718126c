using IncidentBot.Core.Incidents.Events;

namespace IncidentBot.Core.Incidents;

public sealed partial class Incident
{
    /// <summary>The first monitoring signal recorded on the incident (the alert that opened it, for an incident the
    /// bot declared): its start time, link, labels and annotations are the triage card's alert evidence. Null when no
    /// signal was received.</summary>
    public SignalReceived? FirstSignal { get; private set; }
}
