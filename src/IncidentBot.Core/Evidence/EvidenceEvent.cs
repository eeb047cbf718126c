namespace IncidentBot.Core.Evidence;

/// <summary>
/// One stored, hash-chained evidence event. Streams are incidents (<c>INC-7</c>), the change log
/// (<see cref="Streams.Changes"/>) and the bot's own stream (<see cref="Streams.Bot"/>) for refusals that name no incident.
/// </summary>
/// <param name="Stream">The chain this event belongs to.</param>
/// <param name="Seq">Position in the stream, starting at 1, without gaps.</param>
/// <param name="EventId">Globally unique id (GUID text).</param>
/// <param name="Type">Event type name, e.g. <c>IncidentDeclared</c>, <c>CommandRefused</c>.</param>
/// <param name="Actor">Person id (from governance) or <c>surface:userid</c> for unknown people, or <c>system</c>.</param>
/// <param name="Surface">One of <see cref="Surfaces"/>.</param>
/// <param name="OccurredUtc">When it happened (UTC).</param>
/// <param name="PayloadJson">The event's payload as compact JSON, stored byte for byte.</param>
/// <param name="RunbookVersion">The pinned runbook version of the incident (<see cref="Runbooks.Runbook.PinnedVersion"/>), if any.</param>
/// <param name="PrevHash">Hash of the previous event of the stream (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over the canonical form of this event and <paramref name="PrevHash"/> (<see cref="EvidenceHasher"/>).</param>
public sealed record EvidenceEvent(
    string Stream,
    long Seq,
    string EventId,
    string Type,
    string Actor,
    string Surface,
    DateTimeOffset OccurredUtc,
    string PayloadJson,
    string? RunbookVersion,
    string PrevHash,
    string Hash);

/// <summary>An event before it is stored: the store assigns stream, sequence and hashes.</summary>
public sealed record EventDraft(
    string Type,
    string Actor,
    string Surface,
    DateTimeOffset OccurredUtc,
    string PayloadJson,
    string? RunbookVersion);

/// <summary>Names of the streams that are not incidents.</summary>
public static class Streams
{
    /// <summary>The change log: every recorded deployment of a layer version.</summary>
    public const string Changes = "changes";
    /// <summary>The bot's own stream: refusals and signals that name no incident.</summary>
    public const string Bot = "bot";
    /// <summary>Prefix of incident streams.</summary>
    public const string IncidentPrefix = "INC-";
}
