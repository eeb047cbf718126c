namespace IncidentBot.Core.Outbox;

/// <summary>Work to enqueue with an append (build it with <see cref="OutboxDrafts"/>).</summary>
/// <param name="Kind">Job or notification.</param>
/// <param name="Target">Who handles it: a <see cref="JobKind"/> name, or a surface.</param>
/// <param name="PayloadJson">What to do, as JSON.</param>
/// <param name="DueUtc">Not before this time (null = now).</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the span that caused it, so the worker that runs it continues
/// that trace (null when nothing was traced).</param>
public sealed record OutboxDraft(OutboxKind Kind, string Target, string PayloadJson, DateTimeOffset? DueUtc = null, string? TraceParent = null);
