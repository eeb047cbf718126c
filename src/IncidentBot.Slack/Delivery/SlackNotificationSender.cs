using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Outbox;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace IncidentBot.Slack.Delivery;

/// <summary>
/// Slack's outbound half: delivers one notification to one Slack conversation. With no thread yet it posts the
/// incident's current card as the thread root in the channel and reports the thread it started (the engine binds
/// it); otherwise it refreshes the root and the clicked message and posts what happened as one thread reply (the lines
/// of a batch of changes, or a card people must act on). Every call waits for the channel's budget
/// (<see cref="SlackChannelPacer"/>), so a burst drains at Slack's pace instead of running into 429s. Says how it
/// went — delivered, retry at a time (Slack's <c>Retry-After</c> or the worker's backoff), or refused for good —
/// and leaves claiming, ordering and retrying to the generic delivery worker.
/// </summary>
internal sealed class SlackNotificationSender(ISlackApi slack, BlockKitRenderer renderer, SlackChannelPacer pacer, TimeProvider time,
    ILogger<SlackNotificationSender> logger) : INotificationSender
{
    /// <inheritdoc />
    public string Surface => Surfaces.Slack;

    /// <summary>Slack's answers meaning "the Block Kit form was refused", where plain text will still get through.</summary>
    internal static bool IsContentError(SlackApiException e) =>
        e.ErrorCode is "invalid_blocks" or "invalid_blocks_format" or "msg_blocks_too_long" or "msg_too_long" or "no_text";

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            return await DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (e.IsTransient)
        {
            return new DeliveryResult.RetryAt(e.RetryAfter is { } wait ? time.GetUtcNow() + wait : null, e.ErrorCode);
        }
        catch (SlackApiException e)
        {
            SlackDeliveryLog.Dropped(logger, delivery.OutboxId, delivery.IncidentId, e.ErrorCode, null);
            return new DeliveryResult.Refused(e.ErrorCode);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TimeoutException or IOException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The network or a call's own time limit, not the host stopping.
            return new DeliveryResult.RetryAt(null, e.GetType().Name);
        }
    }

    private async Task<DeliveryResult> DeliverAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        var (incidentId, conversation, current) = (delivery.IncidentId, delivery.Conversation, delivery.Current);
        if (conversation.Thread is not { } rootTs) return await PostRootAsync(incidentId, conversation, current, cancellationToken).ConfigureAwait(false);

        // The updates come first because they are idempotent: if anything fails transiently the whole item is tried
        // again, and only the thread reply below (the one call that is not idempotent) must not have happened yet.
        var channel = conversation.Channel;
        if (delivery.RefreshRoot) await UpdateAsync(incidentId, channel, rootTs, current, cancellationToken).ConfigureAwait(false);
        // The clicked card shows the state now, so its buttons are the moves legal now.
        if (SlackConversations.TryParseMessage(delivery.UpdateInPlace, out var clickedChannel, out var clickedTs)
            && (clickedChannel, clickedTs) != (channel, rootTs))
            await UpdateAsync(incidentId, clickedChannel, clickedTs, current, cancellationToken).ConfigureAwait(false);

        // A declaration whose root already exists (the bot stopped after binding, before completing) has no reply.
        var reply = delivery.Change is { } card ? renderer.Render(card)
            : delivery.Lines is { Count: > 0 } lines ? SlackPlainText.Lines(lines)
            : null;
        if (reply is null) return new DeliveryResult.Delivered();
        try
        {
            await PostAsync(channel, rootTs, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (IsContentError(e))
        {
            await NoticeAsync(incidentId, channel, rootTs, e, cancellationToken).ConfigureAwait(false);
            throw;
        }
        return new DeliveryResult.Delivered();
    }

    private async Task<DeliveryResult> PostRootAsync(string incidentId, ConversationReference conversation, Card current, CancellationToken cancellationToken)
    {
        var channel = conversation.Channel;
        if (string.IsNullOrWhiteSpace(channel))
        {
            SlackDeliveryLog.NoChannel(logger, incidentId);
            return new DeliveryResult.Refused("no Slack channel to post the incident's thread in");
        }

        string ts;
        try
        {
            ts = await PostAsync(channel, null, renderer.Render(current), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (IsContentError(e))
        {
            ts = await PostAsync(channel, null, SlackPlainText.Render(current), cancellationToken).ConfigureAwait(false);
        }

        // Remaining window for a second root: Slack accepted the post but this process died (or the answer was lost
        // on the way back, which the client sees as a timeout) before the engine bound the thread. Slack has no
        // idempotency key for chat.postMessage and finding our own message again would need channels:history; the
        // worker binds the thread right after this returns, before anything else.
        SlackDeliveryLog.RootPosted(logger, incidentId, SlackConversations.Message(channel, ts));
        return new DeliveryResult.Delivered(conversation with { Thread = ts });
    }

    private async Task UpdateAsync(string incidentId, string channel, string ts, Card card, CancellationToken cancellationToken)
    {
        try
        {
            await pacer.WaitAsync(channel, update: true, cancellationToken).ConfigureAwait(false);
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
            await pacer.WaitAsync(channel, update: true, cancellationToken).ConfigureAwait(false);
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
            await PostAsync(channel, rootTs, SlackPlainText.Text(SlackText.Escape(text)), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            SlackDeliveryLog.NoticeFailed(logger, incidentId, e.ErrorCode);
        }
    }

    private async Task<string> PostAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(channel, update: false, cancellationToken).ConfigureAwait(false);
        return await slack.PostMessageAsync(channel, threadTs, message, cancellationToken).ConfigureAwait(false);
    }
}
