using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Host.Delivery;

/// <summary>Notifications of one incident for one conversation that go out as one thread message (or, for a
/// declaration, as the root), completed together.</summary>
/// <param name="Rows">The outbox rows, in order.</param>
/// <param name="Lines">What happened, one line per event; null for a row that carries its own card or is the root.</param>
/// <param name="Change">The card to post in the thread (one people must act on, with the lines leading it; or a legacy
/// row's card); null when the lines are the message.</param>
/// <param name="UpdateInPlace">The last clicked message among the rows, to refresh.</param>
internal sealed record DeliverySegment(IReadOnlyList<OutboxItem> Rows, IReadOnlyList<string>? Lines, Card? Change, string? UpdateInPlace);
