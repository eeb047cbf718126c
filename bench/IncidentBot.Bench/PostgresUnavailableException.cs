namespace IncidentBot.Bench;

/// <summary>PostgreSQL could not be had for the scale-out section: no server given and no cluster could be started.</summary>
internal sealed class PostgresUnavailableException(string message) : Exception(message);
