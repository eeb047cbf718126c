using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Telemetry;
using IncidentBot.Teams.AdaptiveCards;
using IncidentBot.Teams.Connector;
using IncidentBot.Teams.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Endpoints;

/// <summary>The turn logic of the Teams endpoint: translate an authenticated activity to a command, let the engine
/// decide (a failure becomes a reply, never a 500), answer the way Teams expects.</summary>
internal sealed class TeamsInbound(IncidentEngine engine, ITeamsConnector connector, AdaptiveCardRenderer renderer, TeamsMessageBuilder messages,
    ILogger<TeamsInbound> logger)
{
    /// <summary>Largest activity accepted (bytes); larger ones get 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    public async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    public IResult Malformed(HttpContext http, string problem)
    {
        TeamsInboundLog.Malformed(logger, http.Request.Path, problem);
        return Results.Text(problem, statusCode: StatusCodes.Status400BadRequest);
    }

    public IResult Ignore(TeamsActivity activity, string why)
    {
        TeamsInboundLog.Ignored(logger, activity.Type, why);
        return Results.Ok();
    }

    /// <summary>A typed command. Applied: the incident's thread shows it (through the outbox), nothing else is said;
    /// anything else (usage, a refusal, a status or list) is answered in the conversation once the 200 is sent.</summary>
    public async Task<IResult> MessageAsync(HttpContext http, TeamsActivity activity)
    {
        if (activity.FromAadObjectId is not { Length: > 0 } user || activity.Id is not { Length: > 0 })
            return Ignore(activity, "no sender object id or activity id");
        if (TeamsCommandText.ToCommandLine(activity.Text, activity.Mentions) is not { } line)
            return Ignore(activity, "empty after the mention");
        var conversation = activity.Conversation;
        var envelope = new CommandEnvelope(Surfaces.Teams, user, line, conversation.Key, $"teams:msg:{activity.ConversationId}:{activity.Id}",
            Conversation: conversation);
        var result = await HandleAsync(envelope, "message", http.RequestAborted).ConfigureAwait(false);
        if (result?.Outcome is not (CommandOutcome.Applied or CommandOutcome.Duplicate))
            ReplyAfterResponse(http, activity, ReplyPolicy.Immediate(result, envelope));
        return Results.Ok();
    }

    /// <summary>A card button (<c>Action.Execute</c>): answered in the response, at once, with the incident's updated
    /// card (which replaces the clicked one) or, when nothing changed, a message saying why.</summary>
    public async Task<IResult> CardActionAsync(HttpContext http, TeamsActivity activity)
    {
        var parsed = TeamsCardAction.Parse(activity.Value is { } v ? JsonNode.Parse(v.GetRawText()) : null);
        if (!parsed.Ok) return Invoke(TeamsInvokeResponse.Error(parsed));
        if (activity.FromAadObjectId is not { Length: > 0 } user) return Invoke(TeamsInvokeResponse.Error("The click carries no user.", "BadRequest"));
        var action = parsed.Action!;
        var conversation = activity.Conversation;
        var envelope = new CommandEnvelope(Surfaces.Teams, user, action.CommandLine, conversation.Key, action.DeliveryId(user), activity.ReplyToId, conversation);
        var result = await HandleAsync(envelope, "button", http.RequestAborted).ConfigureAwait(false);
        if (result is { Outcome: CommandOutcome.Applied or CommandOutcome.Duplicate, IncidentId: { } id }
            && await engine.CardAsync(id, http.RequestAborted).ConfigureAwait(false) is { } current)
            return Invoke(TeamsInvokeResponse.Card(renderer.Render(current)));
        return Invoke(TeamsInvokeResponse.Message(Plain(ReplyPolicy.Immediate(result, envelope))));
    }

    /// <summary>The bot was added to a team or chat: the conversation, with the service URL this authenticated activity
    /// carried, is recorded so incidents can be announced there.</summary>
    public async Task<IResult> ConversationUpdateAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (activity.RecipientId is null || !activity.MembersAdded.Contains(activity.RecipientId, StringComparer.OrdinalIgnoreCase))
            return Ignore(activity, "not the bot being added");
        var conversation = activity.Conversation.WithoutThread();
        await engine.RecordConversationSeenAsync(conversation, "bot added", $"teams:upd:{activity.ConversationId}:{activity.Id}", cancellationToken).ConfigureAwait(false);
        TeamsInboundLog.Installed(logger, conversation.Channel);
        return Results.Ok();
    }

    private async Task<CommandResult?> HandleAsync(CommandEnvelope envelope, string kind, CancellationToken cancellationToken)
    {
        var verb = ReplyPolicy.VerbOf(envelope.Text);
        // Every line of this command carries its incident, surface and delivery id; the incident as soon as it is known.
        var scope = LogScope.For(envelope);
        using var logScope = logger.BeginScope(scope);
        try
        {
            var result = await engine.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
            scope.IncidentId = result.IncidentId ?? scope.IncidentId;
            TeamsInboundLog.CommandHandled(logger, kind, verb, result.IncidentId ?? "-", result.Outcome.ToString());
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TeamsInboundLog.CommandFailed(logger, ex, kind, verb);
            return null;
        }
    }

    /// <summary>Answers in the conversation once the 200 is sent (the connector call must not hold the request).</summary>
    private void ReplyAfterResponse(HttpContext http, TeamsActivity activity, IReadOnlyList<Card> cards)
    {
        if (cards.Count == 0 || activity.ServiceUrl is null || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)) return;
        var replies = messages.Messages(cards);
        http.Response.OnCompleted(async () =>
        {
            try
            {
                foreach (var reply in replies)
                    await connector.ReplyToActivityAsync(serviceUrl, activity.ConversationId, activity.Id!, reply, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TeamsApiException e)
            {
                TeamsInboundLog.ReplyFailed(logger, activity.ConversationId, e.ErrorCode);
            }
        });
    }

    private static IResult Invoke(JsonObject body) => Results.Content(body.ToJsonString(), "application/json; charset=utf-8");

    private static string Plain(IReadOnlyList<Card> cards) =>
        string.Join("\n", cards.Select(c => c.Text.Length > 0 ? $"{c.Title}: {c.Text}" : c.Title));
}
