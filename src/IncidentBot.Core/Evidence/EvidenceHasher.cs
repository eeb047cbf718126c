using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The canonical form and hash of evidence events. The canonical form is a JSON array of the event's fields in a
/// fixed order (stream, seq, event id, type, actor, surface, time, payload, runbook version, previous hash), so a
/// change to any field, or a reordering of events, changes the hash of that event and breaks the chain after it.
/// </summary>
public static class EvidenceHasher
{
    /// <summary>The previous hash of a stream's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The exact text form of times in evidence: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatTime"/> output.</summary>
    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Computes the hash the event should carry, given its fields and <paramref name="prevHash"/>.</summary>
    public static string ComputeHash(string stream, long seq, string eventId, EventDraft draft, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return ComputeHash(stream, seq, eventId, draft.Type, draft.Actor, draft.Surface, draft.OccurredUtc,
            draft.PayloadJson, draft.RunbookVersion, prevHash);
    }

    /// <summary>Recomputes the hash of a stored event from its fields (ignores its stored <see cref="EvidenceEvent.Hash"/>).</summary>
    public static string ComputeHash(EvidenceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ComputeHash(e.Stream, e.Seq, e.EventId, e.Type, e.Actor, e.Surface, e.OccurredUtc, e.PayloadJson,
            e.RunbookVersion, e.PrevHash);
    }

    private static string ComputeHash(string stream, long seq, string eventId, string type, string actor,
        string surface, DateTimeOffset occurred, string payload, string? runbookVersion, string prevHash)
    {
        var canonical = JsonSerializer.Serialize(new[]
        {
            stream, seq.ToString(CultureInfo.InvariantCulture), eventId, type, actor, surface,
            FormatTime(occurred), payload, runbookVersion ?? "", prevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
