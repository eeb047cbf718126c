namespace IncidentBot.Host.Tests.ScaleOut;

/// <summary>A note the bot acknowledged (applied, or on a retry with the same delivery id, reported as a duplicate):
/// the incident, the note's text, the delivery id, and the node that answered.</summary>
public sealed record NodeKillAck(string Incident, string Note, string Delivery, int Node);
