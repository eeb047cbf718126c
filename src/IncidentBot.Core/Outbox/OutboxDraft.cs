namespace IncidentBot.Core.Outbox;

/// <summary>Work to enqueue with an append (build it with <see cref="OutboxDrafts"/>).</summary>
/// <param name="Kind">Job or notification.</param>
/// <param name="Target">Who handles it: a <see cref="JobKind"/> name, or a surface.</param>
/// <param name="PayloadJson">What to do, as JSON.</param>
/// <param name="DueUtc">Not before this time (null = now).</param>
public sealed record OutboxDraft(OutboxKind Kind, string Target, string PayloadJson, DateTimeOffset? DueUtc = null);
