namespace IncidentBot.Bench;

/// <summary>One measured window of the telemetry section: which side, how many connections, the load and the bot's CPU per command.</summary>
internal sealed record TelemetryWindow(bool TelemetryOn, int Connections, LoadResult Load, double CpuUsPerCommand, bool DeliveryCaughtUp);
