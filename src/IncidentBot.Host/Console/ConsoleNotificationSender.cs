using IncidentBot.Core.Conversations;
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
        // A declaration's message is the incident's card; a card people must act on is itself; anything else is the
        // lines of what happened, as one entry however many changes it groups.
        var card = delivery.Change
                   ?? (delivery.Lines is { Count: > 0 } lines ? ThreadLines.AsCard(delivery.IncidentId, lines) : null)
                   ?? (delivery.Lines is null ? delivery.Current : null);
        if (card is not null) room.Notified(delivery.OutboxId, delivery.IncidentId, card);
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered());
    }
}
