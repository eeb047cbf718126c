namespace IncidentBot.Core.Telemetry;

/// <summary>How many open incidents have one severity and state, in a <see cref="MetricsSample"/>.</summary>
/// <param name="Severity">The severity as people write it (<c>sev1</c>…), or <c>none</c> before triage.</param>
/// <param name="State">The lifecycle state's name.</param>
/// <param name="Count">How many.</param>
public sealed record OpenIncidentsGauge(string Severity, string State, long Count);
