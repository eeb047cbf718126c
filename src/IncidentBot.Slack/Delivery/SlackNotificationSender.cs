using System.Text.Json;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Delivery;

/// <summary>
/// Delivers one <see cref="Notification"/> to its incident's Slack thread. The first one posts the incident's current
/// card as the thread root in the channel it was declared in and binds the thread (<c>channel/ts</c>) to the
/// incident; later ones refresh the root and the clicked message and post their card as a thread reply. Throws on
/// failure; <see cref="SlackDeliveryWorker"/> decides between retrying later and giving up.
/// </summary>
internal sealed class SlackNotificationSender(ISlackApi slack, IIncidentReadModel incidents, IncidentEngine engine, BlockKitRenderer renderer,
    ILogger<SlackNotificationSender> logger)
{
    /// <summary>Slack's answers meaning "the Block Kit form was refused", where plain text will still get through.</summary>
    internal static bool IsContentError(SlackApiException e) =>
        e.ErrorCode is "invalid_blocks" or "invalid_blocks_format" or "msg_blocks_too_long" or "msg_too_long" or "no_text";

    /// <summary>The incident an outbox row is about: the payload's, or the row's stream for a declaration.</summary>
    internal static (Notification Notification, string IncidentId) Read(OutboxItem item)
    {
        var notification = JsonSerializer.Deserialize<Notification>(item.PayloadJson, EventCodec.Options)
                           ?? throw new JsonException($"outbox item {item.Id} holds no notification");
        return (notification, notification.IncidentId.Length > 0 ? notification.IncidentId : item.Stream);
    }

    /// <summary>Delivers the notification. Returns normally once everything Slack must show has been accepted.</summary>
    public async Task SendAsync(Notification notification, string incidentId, CancellationToken cancellationToken)
    {
        var current = await engine.CardAsync(incidentId, cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"There is no incident {incidentId}.");
        var thread = await ThreadOfAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (thread is null)
        {
            await PostRootAsync(incidentId, notification.Conversation, current, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The updates come first because they are idempotent: if anything fails transiently the whole item is tried
        // again, and only the thread reply below (the one call that is not idempotent) must not have happened yet.
        var (channel, rootTs) = thread.Value;
        await UpdateAsync(incidentId, channel, rootTs, current, cancellationToken).ConfigureAwait(false);
        if (SlackConversations.TryParseMessage(notification.UpdateInPlace, out var clickedChannel, out var clickedTs)
            && (clickedChannel, clickedTs) != (channel, rootTs))
            await UpdateAsync(incidentId, clickedChannel, clickedTs, notification.Card ?? current, cancellationToken).ConfigureAwait(false);

        // A declaration whose root already exists (the bot stopped after binding, before completing) has no reply.
        if (notification.Card is not { } card) return;
        try
        {
            await slack.PostMessageAsync(channel, rootTs, renderer.Render(card), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (IsContentError(e))
        {
            await NoticeAsync(incidentId, channel, rootTs, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The incident's Slack thread: the first <c>channel/ts</c> conversation bound to it on Slack.</summary>
    internal async Task<(string Channel, string Ts)?> ThreadOfAsync(string incidentId, CancellationToken cancellationToken)
    {
        foreach (var (surface, key) in await incidents.ConversationsOfAsync(incidentId, cancellationToken).ConfigureAwait(false))
            if (surface == Surfaces.Slack && SlackConversations.TryParseMessage(key, out var channel, out var ts)) return (channel, ts);
        return null;
    }

    private async Task PostRootAsync(string incidentId, string? conversation, Card current, CancellationToken cancellationToken)
    {
        // A declaration typed inside some thread carries channel/ts; the incident gets its own thread in that channel.
        var channel = SlackConversations.TryParseMessage(conversation, out var c, out _) ? c : conversation;
        if (string.IsNullOrWhiteSpace(channel))
        {
            SlackDeliveryLog.NoChannel(logger, incidentId);
            return;
        }

        string ts;
        try
        {
            ts = await slack.PostMessageAsync(channel, null, renderer.Render(current), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (IsContentError(e))
        {
            ts = await slack.PostMessageAsync(channel, null, SlackPlainText.Render(current), cancellationToken).ConfigureAwait(false);
        }

        // Remaining window for a second root: Slack accepted the post but this process died (or the answer was lost
        // on the way back, which the client sees as a timeout) before the binding below was committed. Slack has no
        // idempotency key for chat.postMessage and finding our own message again would need channels:history, so the
        // bind follows the post at once, with no cancellation: a graceful stop cannot cut between the two.
        var key = SlackConversations.Message(channel, ts);
        await incidents.BindConversationAsync(Surfaces.Slack, key, incidentId, CancellationToken.None).ConfigureAwait(false);
        SlackDeliveryLog.RootPosted(logger, incidentId, key);
    }

    private async Task UpdateAsync(string incidentId, string channel, string ts, Card card, CancellationToken cancellationToken)
    {
        try
        {
            await slack.UpdateMessageAsync(channel, ts, renderer.Render(card), cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (SlackApiException e) when (IsContentError(e))
        {
            // fall through to plain text
        }
        catch (SlackApiException e) when (!e.IsTransient)
        {
            // Someone deleted the message, or it is too old to edit: the thread reply still tells the news.
            SlackDeliveryLog.UpdateRefused(logger, SlackConversations.Message(channel, ts), incidentId, e.ErrorCode);
            return;
        }
        try
        {
            await slack.UpdateMessageAsync(channel, ts, SlackPlainText.Render(card), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (!e.IsTransient)
        {
            SlackDeliveryLog.UpdateRefused(logger, SlackConversations.Message(channel, ts), incidentId, e.ErrorCode);
        }
    }

    private async Task NoticeAsync(string incidentId, string channel, string rootTs, SlackApiException refused, CancellationToken cancellationToken)
    {
        var text = $"An update to {incidentId} could not be shown here (Slack said {refused.ErrorCode}). " +
                   $"`/incident status {incidentId}` shows where it stands; the evidence log has every change.";
        try
        {
            await slack.PostMessageAsync(channel, rootTs, SlackPlainText.Text(SlackText.Escape(text)), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            SlackDeliveryLog.NoticeFailed(logger, incidentId, e.ErrorCode);
        }
    }
}
