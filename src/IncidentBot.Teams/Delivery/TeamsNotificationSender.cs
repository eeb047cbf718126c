using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Delivery;

/// <summary>
/// Teams' outbound half: delivers one notification to one Teams conversation through the Bot Framework connector.
/// With no thread yet it posts the incident's current card as a new message (in a channel, the root of a reply chain)
/// and reports its activity id as the thread; otherwise it updates that root card in place (PUT) and posts what
/// happened into the reply chain as one reply (the lines of a batch of changes, or a card people must act on). Calls go only to the service URL an authenticated activity from that conversation carried;
/// a conversation with none waits (the bot must be added there first). Claiming, ordering and retrying belong
/// to the generic delivery worker.
/// </summary>
internal sealed class TeamsNotificationSender(ITeamsConnector connector, TeamsMessageBuilder messages, TimeProvider time,
    ILogger<TeamsNotificationSender> logger) : INotificationSender
{
    /// <inheritdoc />
    public string Surface => Surfaces.Teams;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var conversation = delivery.Conversation;
        if (!Uri.TryCreate(conversation.ServiceUrl, UriKind.Absolute, out var serviceUrl) || conversation.Channel.Length == 0)
        {
            // Not refused for good: once IncidentBot is added to that team or chat the bot learns its service URL, and the
            // incident's messages (kept in order, backing off up to the delivery's MaxRetryDelay) go out.
            TeamsDeliveryLog.NoServiceUrl(logger, delivery.IncidentId, conversation.Channel);
            return new DeliveryResult.RetryAt(null, "no_service_url");
        }
        try
        {
            if (conversation.Thread is not { } rootId)
            {
                var id = await connector.SendToConversationAsync(serviceUrl, conversation.Channel, messages.Message(delivery.Current), cancellationToken).ConfigureAwait(false);
                if (id.Length == 0) return new DeliveryResult.Delivered(); // accepted without an id: nothing to thread under
                TeamsDeliveryLog.RootPosted(logger, delivery.IncidentId, conversation.Channel);
                return new DeliveryResult.Delivered(conversation with { Thread = id });
            }

            // The update comes first because it is idempotent: if the reply fails transiently the whole item is tried
            // again, and only the reply (the one call that is not idempotent) must not have happened yet. A clicked card
            // was already replaced by the invoke's own answer, so only the root is updated here.
            if (delivery.RefreshRoot) await UpdateRootAsync(serviceUrl, conversation.Channel, rootId, delivery, cancellationToken).ConfigureAwait(false);
            // One reply: the card people must act on (the lines lead it), or the lines of what happened.
            var reply = delivery.Change ?? (delivery.Lines is { Count: > 0 } lines ? ThreadLines.AsCard(delivery.IncidentId, lines) : null);
            if (reply is not null)
                await connector.ReplyToActivityAsync(serviceUrl, conversation.Channel, rootId, messages.Message(reply), cancellationToken).ConfigureAwait(false);
            return new DeliveryResult.Delivered();
        }
        catch (TeamsApiException e) when (e.IsTransient)
        {
            return new DeliveryResult.RetryAt(e.RetryAfter is { } wait ? time.GetUtcNow() + wait : null, e.ErrorCode);
        }
        catch (TeamsApiException e)
        {
            TeamsDeliveryLog.Dropped(logger, delivery.OutboxId, delivery.IncidentId, e.ErrorCode);
            return new DeliveryResult.Refused(e.ErrorCode);
        }
    }

    private async Task UpdateRootAsync(Uri serviceUrl, string channel, string rootId, NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await connector.UpdateActivityAsync(serviceUrl, channel, rootId, messages.Message(delivery.Current), cancellationToken).ConfigureAwait(false);
        }
        catch (TeamsApiException e) when (!e.IsTransient)
        {
            // Someone deleted the root, or Teams will not edit it: the reply still tells the news.
            TeamsDeliveryLog.UpdateRefused(logger, delivery.IncidentId, rootId, e.ErrorCode);
        }
    }
}
