namespace IncidentBot.Host.Api;

/// <summary>Log category of <see cref="IncidentTruth"/>: an incident row that disagreed with its events.</summary>
public sealed class IncidentTruthLog;
