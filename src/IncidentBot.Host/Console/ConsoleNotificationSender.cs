using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;

namespace IncidentBot.Host.Console;

/// <summary>The console's outbound half: a delivered notification is what the room's pages are shown next.</summary>
internal sealed class ConsoleNotificationSender(ConsoleRoom room) : INotificationSender
{
    /// <inheritdoc />
    public string Surface => Surfaces.Console;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        // A declaration's message is the incident's card; any other change is its own card.
        room.Notified(delivery.OutboxId, delivery.IncidentId, delivery.Change ?? delivery.Current);
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered());
    }
}
