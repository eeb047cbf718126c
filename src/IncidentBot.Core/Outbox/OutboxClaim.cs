namespace IncidentBot.Core.Outbox;

/// <summary>A worker's hold on one outbox item: the item and the owner token the store gave this claim.</summary>
/// <param name="ItemId">The outbox item.</param>
/// <param name="Token">Unique to this claim; a later claim of the same item gets another token.</param>
/// <param name="Until">When the lease runs out and the item may be claimed by someone else.</param>
public sealed record OutboxClaim(long ItemId, string Token, DateTimeOffset Until);
