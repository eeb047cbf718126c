using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Inbound;
using IncidentBot.Slack.WebApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Slack.Endpoints;

public static partial class SlackEndpoints
{
    /// <summary>How long <c>views.open</c> may take: the trigger id dies after 3 s and Slack wants our 200 by then.</summary>
    private static readonly TimeSpan ViewOpenBudget = TimeSpan.FromSeconds(2.5);

    private static async Task<IResult> ClickAsync(HttpContext http, SlackInbound inbound, BlockAction click)
    {
        if (click.ChannelId is not { } channel || click.Value is not { } command || !command.StartsWith("/incident", StringComparison.OrdinalIgnoreCase))
        {
            SlackInboundLog.Ignored(inbound.Logger, "block_actions", click.ChannelId is null ? "no channel" : "not an incident button");
            return Results.Ok();
        }
        var root = click.ThreadTs ?? click.MessageTs;
        var conversation = root is null ? channel : SlackConversations.Message(channel, root);
        var replyTo = click.IsEphemeral || click.MessageTs is null ? null : SlackConversations.Message(channel, click.MessageTs);

        if (BlockKitRenderer.InputPromptOf(click.ActionId) is { } prompt)
        {
            await OpenInputAsync(http, inbound, click, prompt, new InputContext(command, channel, click.ThreadTs ?? (click.IsEphemeral ? null : click.MessageTs), conversation, replyTo))
                .ConfigureAwait(false);
            return Results.Ok();
        }

        // The block id carries the card's key (INC-7@12), so the same button on the same card is one delivery.
        var envelope = new CommandEnvelope(Surfaces.Slack, click.UserId, command, conversation,
            $"slack:btn:{click.UserId}:{click.BlockId}:{click.ActionId}", replyTo);
        var result = await inbound.HandleAsync(envelope, "button", http.RequestAborted).ConfigureAwait(false);
        if (result?.Outcome is not (CommandOutcome.Applied or CommandOutcome.Duplicate))
            inbound.ReplyAfterResponse(http, channel, click.UserId, click.ThreadTs ?? (click.IsEphemeral ? null : click.MessageTs), ReplyPolicy.Immediate(result, envelope));
        return Results.Ok();
    }

    private static async Task OpenInputAsync(HttpContext http, SlackInbound inbound, BlockAction click, string prompt, InputContext context)
    {
        var api = http.RequestServices.GetService<ISlackApi>();
        string? failure = api is null ? "no Web API client" : click.TriggerId is null ? "no trigger_id" : null;
        if (api is not null && click.TriggerId is { } trigger)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            cts.CancelAfter(ViewOpenBudget);
            try
            {
                await api.OpenViewAsync(trigger, InputModal.Build(prompt, context), cts.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException or OperationCanceledException)
            {
                failure = ex is SlackApiException s ? s.ErrorCode : ex.GetType().Name;
            }
        }
        SlackInboundLog.ViewOpenFailed(inbound.Logger, failure ?? "unknown");
        inbound.ReplyAfterResponse(http, context.Channel, click.UserId, context.ThreadTs,
            [IncidentCards.Notice(prompt, $"Type it instead: {context.Command} <text>", tone: CardTone.Warning)]);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, SlackInbound inbound, ViewSubmission submission)
    {
        if (submission.CallbackId != InputModal.CallbackId)
        {
            SlackInboundLog.Ignored(inbound.Logger, "view_submission", "another view");
            return Results.Ok();
        }
        if (InputModal.ReadContext(submission.PrivateMetadata) is not { } context)
            return InputError("This form is out of date. Close it and click the button again.");
        var text = submission.TextOf(InputModal.BlockId, InputModal.ActionId)?.Trim();
        if (string.IsNullOrEmpty(text)) return InputError("Please type something: the command needs it.");

        var envelope = new CommandEnvelope(Surfaces.Slack, submission.UserId, context.Command + " " + text, context.ConversationKey,
            "slack:view:" + submission.ViewId, context.ReplyTo);
        var result = await inbound.HandleAsync(envelope, "modal", http.RequestAborted).ConfigureAwait(false);
        if (result?.Outcome is not (CommandOutcome.Applied or CommandOutcome.Duplicate))
            inbound.ReplyAfterResponse(http, context.Channel, submission.UserId, context.ThreadTs, ReplyPolicy.Immediate(result, envelope));
        return Results.Ok();
    }

    /// <summary>Keeps the modal open with a message under its input.</summary>
    private static IResult InputError(string message) =>
        Results.Content(new JsonObject
        {
            ["response_action"] = "errors",
            ["errors"] = new JsonObject { [InputModal.BlockId] = message },
        }.ToJsonString(), "application/json; charset=utf-8");
}
