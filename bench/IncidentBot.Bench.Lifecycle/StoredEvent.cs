namespace IncidentBot.Bench.Lifecycle;

/// <summary>The parts of a stored evidence event that both the old and the new fold read, kept as plain data so the
/// same events can be built as either version's <c>EvidenceEvent</c>.</summary>
/// <param name="Seq">Position in the stream, from 1.</param>
/// <param name="Type">Event type name.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="OccurredUtc">When.</param>
/// <param name="PayloadJson">The payload as stored.</param>
public sealed record StoredEvent(long Seq, string Type, string Actor, DateTimeOffset OccurredUtc, string PayloadJson);
