namespace IncidentBot.Core.Evidence;

/// <summary>The result of <see cref="EvidenceVerifier.VerifyAsync"/>.</summary>
/// <param name="Ok">True when every stream starts at 1, has no gaps, links every event to its predecessor's hash and
/// every event matches its own hash.</param>
/// <param name="StreamCount">Streams seen.</param>
/// <param name="EventCount">Events seen (all of them, also after a fault).</param>
/// <param name="FirstFault">The first fault of the first broken stream, in the order the events came; null when <paramref name="Ok"/>.</param>
public sealed record EvidenceVerificationReport(bool Ok, int StreamCount, long EventCount, EvidenceFault? FirstFault)
{
    /// <summary>One line for people: <c>OK: 12 streams, 340 events</c> or <c>BROKEN: …</c> with the fault.</summary>
    public override string ToString() =>
        Ok
            ? $"OK: {StreamCount} streams, {EventCount} events"
            : $"BROKEN: {FirstFault} ({StreamCount} streams, {EventCount} events)";
}
