namespace IncidentBot.Core.Outbox;

/// <summary>The overdue work of one outbox kind at a moment (<see cref="IOutbox.BacklogAsync"/>).</summary>
/// <param name="Kind">The kind's stored name (<see cref="OutboxKind.Name"/>).</param>
/// <param name="Overdue">Unfinished, unparked items that are due or are being retried.</param>
/// <param name="OldestOverdueSince">Since when the oldest of them has waited (as <see cref="IOutbox.OldestOverdueSinceAsync"/>
/// counts it).</param>
public sealed record OutboxBacklog(string Kind, int Overdue, DateTimeOffset OldestOverdueSince);
