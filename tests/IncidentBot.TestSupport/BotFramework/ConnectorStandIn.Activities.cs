using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IncidentBot.TestSupport.BotFramework;

public sealed partial class ConnectorStandIn
{
    private readonly ConcurrentQueue<ConnectorStandInFault> faults = new();
    private readonly ConcurrentDictionary<string, byte> assigned = new(StringComparer.Ordinal);
    private long nextActivityId = 1_700_000_000_000;
    private int refusedCalls;
    private volatile ConnectorStandInHold? hold;

    /// <summary>Connector calls refused for a missing, unknown, expired or revoked token (answered 401).</summary>
    public int RefusedCalls => Volatile.Read(ref refusedCalls);

    /// <summary>Queues a failure for the next connector call that carries a valid token: <paramref name="status"/>,
    /// with <c>Retry-After: {retryAfterSeconds}</c> when given and <c>error.code</c> <paramref name="errorCode"/> (else
    /// one usual for the status). Queued failures are used in order.</summary>
    public void FailNext(int status, int? retryAfterSeconds = null, string? errorCode = null) =>
        faults.Enqueue(new ConnectorStandInFault(status, retryAfterSeconds, errorCode));

    /// <summary>Queues a stall: the next call with a valid token is accepted and recorded, but answered only after
    /// <paramref name="delay"/> (or never, if the client hangs up first): a timeout after the message was posted.</summary>
    public void StallNext(TimeSpan delay) => faults.Enqueue(new ConnectorStandInFault(200, Stall: delay));

    /// <summary>Holds every connector call that carries a valid token, before it is faulted or accepted, until the
    /// returned hold is released; a held call whose client hangs up is dropped (answered nothing, recorded as 499).</summary>
    public ConnectorStandInHold HoldCalls() => hold = new ConnectorStandInHold();

    /// <summary>Calls from now on are no longer held. Calls already held stay so until their hold is released or their
    /// client hangs up (so a killed bot's calls are never accepted after it died).</summary>
    public void StopHolding() => hold = null;

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var path = raw.Split('?', 2)[0];
        var method = context.Request.Method;
        var (status, body, retryAfter) = IsTokenPath(path) && HttpMethods.IsPost(method)
            ? await IssueTokenAsync(context).ConfigureAwait(false)
            : await ConnectorAsync(context, method, path, raw).ConfigureAwait(false);
        if (status == 0) return; // the client hung up during a stall
        Record(method, raw, status);
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Status, JsonObject Body, int? RetryAfter)> ConnectorAsync(HttpContext context, string method, string path, string raw)
    {
        // /teams/v3/conversations/{conversationId}/activities[/{activityId}], ids escaped as single segments.
        var parts = path.Split('/');
        if (parts is not (["", "teams", "v3", "conversations", _, "activities"] or ["", "teams", "v3", "conversations", _, "activities", _]))
            return (404, Error("NotFound"), null);
        var conversationId = Uri.UnescapeDataString(parts[4]);
        var activityId = parts.Length == 7 ? Uri.UnescapeDataString(parts[6]) : null;
        ConnectorStandInCallKind? kind = (method, activityId) switch
        {
            ("POST", null) => ConnectorStandInCallKind.Send,
            ("POST", _) => ConnectorStandInCallKind.Reply,
            ("PUT", not null) => ConnectorStandInCallKind.Update,
            _ => null,
        };
        if (kind is null) return (405, Error("MethodNotAllowed"), null);
        if (!IsValidToken(context.Request.Headers.Authorization.FirstOrDefault()))
        {
            Interlocked.Increment(ref refusedCalls);
            return (401, Error("Unauthorized"), null);
        }
        var activity = await ReadActivityAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (activity is null) return (400, Error("BadArgument"), null);
        if (kind == ConnectorStandInCallKind.Update && options.RequireKnownActivityForUpdate && !assigned.ContainsKey(activityId!))
            return (404, Error("NotFound"), null);
        if (hold is { } held && !await held.WaitAsync(context.RequestAborted).ConfigureAwait(false))
        {
            Record(method, raw, 499);
            return (0, [], null);
        }

        faults.TryDequeue(out var fault);
        if (fault is { Stall: null }) return (fault.Status, Error(fault.Code), fault.RetryAfterSeconds);

        var id = kind == ConnectorStandInCallKind.Update ? activityId! : NewActivityId();
        Transcript.Add(sequence => new ConnectorStandInCall(sequence, kind.Value, method, conversationId, id,
            kind == ConnectorStandInCallKind.Reply ? activityId : null, activity, options.Time.GetUtcNow(), raw));
        if (fault?.Stall is { } stall)
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Record(method, raw, 499);
                return (0, [], null);
            }
        }
        return (kind == ConnectorStandInCallKind.Update ? 200 : 201, new JsonObject { ["id"] = id }, null);
    }

    private string NewActivityId()
    {
        var id = Interlocked.Increment(ref nextActivityId).ToString(CultureInfo.InvariantCulture);
        assigned[id] = 0;
        return id;
    }

    private static async Task<JsonObject?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true) return null;
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return node is JsonObject activity && activity["type"] is JsonValue type && type.TryGetValue<string>(out var text) && text.Length > 0 ? activity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The Bot Framework ErrorResponse.
    private static JsonObject Error(string code) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = "stand-in: " + code },
    };
}
