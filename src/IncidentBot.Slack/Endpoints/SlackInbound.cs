using System.Text.Json.Nodes;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Messages;
using IncidentBot.Core.Telemetry;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Endpoints;

/// <summary>What the three Slack routes share: read the raw body once and verify it; hand a command to the engine
/// (turning a failure into a reply, never a 500); render replies.</summary>
internal sealed class SlackInbound(SlackSignatureVerifier verifier, BlockKitRenderer renderer, IncidentEngine engine,
    EphemeralReplies replies, ILogger<SlackInbound> logger)
{
    public ILogger Logger => logger;

    public EphemeralReplies Replies => replies;

    /// <summary>The raw body when the request is within the size limit, signed by Slack and UTF-8 (Slack only sends
    /// UTF-8: anything else is refused with 400 before it is parsed); else the answer to give.</summary>
    public async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext http)
    {
        var request = http.Request;
        var body = await SlackBody.ReadAsync(request, SlackEndpoints.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            SlackInboundLog.BodyTooLarge(logger, request.Path, SlackEndpoints.MaxBodyBytes);
            return (null, Results.Text($"The body is larger than {SlackEndpoints.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        var check = verifier.Verify(request.Headers[SlackSignatureVerifier.SignatureHeader], request.Headers[SlackSignatureVerifier.TimestampHeader], body);
        if (!check.IsValid)
        {
            SlackInboundLog.SignatureRejected(logger, request.Path, check.Reason);
            return (body, Results.Text("Invalid Slack signature.", statusCode: StatusCodes.Status401Unauthorized));
        }
        if (!System.Text.Unicode.Utf8.IsValid(body)) return (body, Malformed(http, "The body is not valid UTF-8."));
        return (body, null);
    }

    public IResult Malformed(HttpContext http, string problem)
    {
        SlackInboundLog.Malformed(logger, http.Request.Path, problem);
        return Results.Text(problem, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>Runs the command; null when the bot failed (logged), so the caller answers with an apology.</summary>
    public async Task<CommandResult?> HandleAsync(CommandEnvelope envelope, string kind, CancellationToken cancellationToken)
    {
        var verb = Verb(envelope.Text);
        // Every line of this command carries its incident, surface and delivery id; the incident as soon as it is known.
        var scope = LogScope.For(envelope);
        using var logScope = logger.BeginScope(scope);
        try
        {
            var result = await engine.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
            scope.IncidentId = result.IncidentId ?? scope.IncidentId;
            SlackInboundLog.CommandHandled(logger, kind, verb, result.IncidentId ?? "-", result.Outcome.ToString());
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The one place a failure becomes a reply: Slack shows a non-200 as a bare error, so answer in words.
            SlackInboundLog.CommandFailed(logger, ex, kind, verb);
            return null;
        }
    }

    /// <summary>Several cards as one message (at most 50 blocks; repeated block ids made unique).</summary>
    public SlackMessage Render(IReadOnlyList<Card> cards)
    {
        var messages = cards.Select(renderer.Render).ToList();
        if (messages.Count == 1) return messages[0];
        var blocks = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var block in messages[i].Blocks)
            {
                if (blocks.Count == BlockKitLimits.MaxBlocksPerMessage || block is not JsonObject b) break;
                var copy = (JsonObject)b.DeepClone();
                if (copy["block_id"]?.GetValue<string>() is { } id && !ids.Add(id)) copy["block_id"] = $"{SlackText.Clip(id, 240)}:{i}";
                blocks.Add(copy);
            }
        }
        return new SlackMessage(messages.Count == 0 ? "IncidentBot" : messages[0].Text, blocks);
    }

    /// <summary>The body of an immediate ephemeral answer to a slash command.</summary>
    public static IResult EphemeralResponse(SlackMessage message) =>
        Results.Content(new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = message.Text,
            ["blocks"] = message.Blocks.DeepClone(),
        }.ToJsonString(), "application/json; charset=utf-8");

    /// <summary>Posts an ephemeral reply once the response has been sent (Slack's 3 s are for the 200, not for us).</summary>
    public void ReplyAfterResponse(HttpContext http, string channel, string user, string? threadTs, IReadOnlyList<Card> cards)
    {
        if (cards.Count == 0) return;
        var message = Render(cards);
        http.Response.OnCompleted(() =>
        {
            replies.Post(channel, user, threadTs, message);
            return Task.CompletedTask;
        });
    }

    public static string Verb(string text) => ReplyPolicy.VerbOf(text);

}
