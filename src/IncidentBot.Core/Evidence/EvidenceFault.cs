namespace IncidentBot.Core.Evidence;

/// <summary>
/// The first place where stored evidence does not prove itself, as found by <see cref="EvidenceVerifier"/>.
/// </summary>
/// <param name="Stream">The broken stream.</param>
/// <param name="Seq">The sequence number of the faulty event (for a gap: of the first missing event).</param>
/// <param name="EventId">The faulty event's id; empty when the event is missing.</param>
/// <param name="Type">The faulty event's type; empty when the event is missing.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record EvidenceFault(string Stream, long Seq, string EventId, string Type, string Reason)
{
    /// <summary>
    /// Names the event precisely: <c>INC-3 #5 (ApprovalGranted, event 7f0c…): content does not match its hash</c>,
    /// or for a missing event <c>INC-3: event #5 is missing (sequence jumps from 4 to 6)</c>.
    /// </summary>
    public override string ToString() =>
        EventId.Length == 0
            ? $"{Stream}: {Reason}"
            : $"{Stream} #{Seq} ({Type}, event {EventId}): {Reason}";
}
