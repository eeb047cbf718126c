using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentBot.Slack.Endpoints;

/// <summary>
/// Slack's three request URLs. Each one: read the raw body once (at most <see cref="MaxBodyBytes"/>), verify the
/// signature (401 and nothing changes), parse, switch on the payload type, hand commands to the engine (which
/// commits durably before it answers) and answer well inside Slack's 3 seconds. Web API calls happen after the
/// answer, except <c>views.open</c>, whose trigger id only lives 3 seconds.
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>Largest body accepted (bytes); larger requests get 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps <c>POST /slack/commands</c>, <c>/slack/interactions</c> and <c>/slack/events</c>. Needs
    /// <see cref="SlackServiceCollectionExtensions.AddSlackSurface"/> with Slack configured.</summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", (HttpContext http, SlackInbound inbound) => CommandAsync(http, inbound));
        slack.MapPost("/interactions", (HttpContext http, SlackInbound inbound) => InteractionAsync(http, inbound));
        slack.MapPost("/events", (HttpContext http, SlackInbound inbound) => EventAsync(http, inbound));
        return app;
    }

    private static async Task<IResult> CommandAsync(HttpContext http, SlackInbound inbound)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(http).ConfigureAwait(false);
        if (refusal is not null)
        {
            // Slack's ssl_check probe changes nothing, and whether it is signed is not documented: answer it anyway.
            if (body is not null && SlashCommand.IsSslCheck(body)) { SlackInboundLog.SslCheck(inbound.Logger); return Results.Ok(); }
            return refusal;
        }
        if (SlashCommand.IsSslCheck(body)) { SlackInboundLog.SslCheck(inbound.Logger); return Results.Ok(); }
        var parsed = SlashCommand.Parse(body);
        if (!parsed.Ok) return inbound.Malformed(http, parsed.Error);

        var c = parsed.Value;
        // A declaration binds its incident to the channel (the engine does, in the same commit), so commands typed there
        // without INC-n find it.
        var envelope = new CommandEnvelope(Surfaces.Slack, c.UserId, "/incident " + SlackText.Unescape(c.Text).Trim(), c.ChannelId,
            DeliveryId(c, http.Request), Conversation: new ConversationReference(Surfaces.Slack, c.ChannelId));
        var result = await inbound.HandleAsync(envelope, "command", http.RequestAborted).ConfigureAwait(false);
        return SlackInbound.EphemeralResponse(inbound.Render(ReplyPolicy.Immediate(result, envelope)));
    }

    /// <summary>The invocation's identity: its trigger id; without one, a digest of its verified signature. The HMAC over
    /// <c>v0:{ts}:{body}</c> differs for every request Slack sends, and a captured request replayed inside the
    /// signature window carries the same one, so the replay is a duplicate and applies once. The signature itself is a
    /// request's credential for five minutes: only its SHA-256 goes into the evidence and the log scopes.</summary>
    private static string DeliveryId(SlashCommand command, HttpRequest request) =>
        command.TriggerId is { } trigger
            ? "slack:cmd:" + trigger
            : "slack:sig:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Headers[SlackSignatureVerifier.SignatureHeader].ToString())));

    private static async Task<IResult> InteractionAsync(HttpContext http, SlackInbound inbound)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(http).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var parsed = Interaction.Parse(body);
        if (!parsed.Ok) return inbound.Malformed(http, parsed.Error);
        switch (parsed.Value)
        {
            case BlockAction click:
                return await ClickAsync(http, inbound, click).ConfigureAwait(false);
            case ViewSubmission submission:
                return await SubmitAsync(http, inbound, submission).ConfigureAwait(false);
            default:
                SlackInboundLog.Ignored(inbound.Logger, "interaction", parsed.Value.GetType().Name);
                return Results.Ok();
        }
    }

    private static async Task<IResult> EventAsync(HttpContext http, SlackInbound inbound)
    {
        var (body, refusal) = await inbound.ReadVerifiedAsync(http).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        var parsed = EventRequest.Parse(body);
        if (!parsed.Ok) return inbound.Malformed(http, parsed.Error);
        var request = parsed.Value;
        if (request.Type == "url_verification") return Results.Text(request.Challenge!, "text/plain");
        if (request is not { Type: "event_callback", Event: { } e, EventId: { } eventId })
        {
            SlackInboundLog.Ignored(inbound.Logger, "event", request.Type);
            return Results.Ok();
        }

        var retry = http.Request.Headers["x-slack-retry-num"].ToString();
        if (retry.Length > 0) SlackInboundLog.EventRetry(inbound.Logger, eventId, retry, http.Request.Headers["x-slack-retry-reason"].ToString());
        if (e.Type != "app_mention" || e.IsFromBot || e.User is null || e.Channel is null)
        {
            SlackInboundLog.Ignored(inbound.Logger, "event", e.IsFromBot ? e.Type + " from a bot" : e.Type);
            return Results.Ok();
        }
        if (e.ThreadTs is null)
        {
            if (retry.Length == 0)
                inbound.ReplyAfterResponse(http, e.Channel, e.User, null, [Core.Messages.IncidentCards.Notice("Mention me in an incident's thread",
                    "In an incident's thread, say @IncidentBot approve (or any other verb). Anywhere else, use /incident … — /incident help lists the verbs.")]);
            return Results.Ok();
        }

        var envelope = new CommandEnvelope(Surfaces.Slack, e.User, MentionText.ToCommandLine(e.Text), SlackConversations.Message(e.Channel, e.ThreadTs),
            "slack:evt:" + eventId, Conversation: new ConversationReference(Surfaces.Slack, e.Channel, e.ThreadTs));
        var result = await inbound.HandleAsync(envelope, "mention", http.RequestAborted).ConfigureAwait(false);
        if (result?.Outcome is not (CommandOutcome.Applied or CommandOutcome.Duplicate))
            inbound.ReplyAfterResponse(http, e.Channel, e.User, e.ThreadTs, ReplyPolicy.Immediate(result, envelope));
        return Results.Ok();
    }
}
