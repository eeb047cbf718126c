namespace IncidentBot.Core.Outbox;

/// <summary>A stored outbox item, as a claim returns it.</summary>
/// <param name="Id">Position in the outbox (increasing).</param>
/// <param name="Stream">The evidence stream whose commit wrote it (the incident for its messages and jobs).</param>
/// <param name="Kind">Job or notification.</param>
/// <param name="Target">Who handles it: a <see cref="JobKind"/> name for jobs, a surface for notifications.</param>
/// <param name="PayloadJson">What to do, as JSON.</param>
/// <param name="CreatedUtc">When it was committed.</param>
/// <param name="DueUtc">Not before this time.</param>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="DoneUtc">When it was completed, if it was.</param>
/// <param name="LastError">The last failure's text.</param>
/// <param name="Claim">The claim under which it was handed out; null when read without claiming.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the span that caused it (null when nothing was traced).</param>
public sealed record OutboxItem(
    long Id,
    string Stream,
    OutboxKind Kind,
    string Target,
    string PayloadJson,
    DateTimeOffset CreatedUtc,
    DateTimeOffset DueUtc,
    int Attempts,
    DateTimeOffset? DoneUtc,
    string? LastError,
    OutboxClaim? Claim = null,
    string? TraceParent = null);
