using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IncidentBot.Host.Console;

/// <summary>
/// <c>GET /api/console/stream</c>: the room live, as server-sent events. Each entry is one event whose <c>id</c> is
/// its room id and whose <c>data</c> is the entry as JSON; a reader resumes with <c>Last-Event-ID</c> (or
/// <c>?after=</c>) and gets exactly what came after. The first event is <c>ready</c> (<c>{"last": id, "heartbeatMs": n}</c>); <c>reset</c>
/// follows when entries after the cursor are no longer kept (reload the thread from storage). Idle streams get a comment
/// every <see cref="ConsoleRoomOptions.Heartbeat"/>; all streams end when the host stops.
/// </summary>
internal static class ConsoleStream
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    /// <summary>Maps the stream and the poll (<c>GET /api/console/feed?after=</c>, the same entries as JSON) on the console's API group.</summary>
    public static RouteGroupBuilder MapConsoleStream(this RouteGroupBuilder api)
    {
        api.MapGet("/stream", StreamAsync).WithSummary("The room, live (server-sent events)")
            .WithDescription("text/event-stream of room entries; resume with Last-Event-ID or after=. The first event is ready; reset means reload the thread.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/event-stream").Produces(StatusCodes.Status400BadRequest);
        api.MapGet("/feed", (HttpRequest request, ConsoleRoom room) =>
            TryReadCursor(request, out var after, out var error)
                ? Results.Ok(new { items = room.After(after, 100) })
                : Results.BadRequest(new { error }))
            .WithSummary("The room, polled").WithDescription("Up to 100 room entries after the cursor (after=), as JSON: the stream's entries for readers that cannot keep a connection open.");
        return api;
    }

    private static async Task StreamAsync(HttpContext http, ConsoleRoom room, IOptions<JsonOptions> json, IOptions<ConsoleRoomOptions> options,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (!TryReadCursor(http.Request, out var after, out var error))
        {
            await Results.BadRequest(new { error }).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        using var stream = room.Join(after, out var backlog, out var gap);
        var logger = loggers.CreateLogger("IncidentBot.Console");
        if (stream is null)
        {
            ConsoleLog.StreamRefused(logger, options.Value.MaxStreams);
            http.Response.Headers.RetryAfter = "5";
            await Results.Json(new { error = $"The console already has {options.Value.MaxStreams} live streams open; try again shortly." },
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx would otherwise hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(ended.Token, stream.Dropped);
        var serializer = json.Value.SerializerOptions;
        var text = new StringBuilder();
        try
        {
            text.Append("retry: 1000\nevent: ready\ndata: {\"last\":").Append(room.LastId.ToString(CultureInfo.InvariantCulture))
                .Append(",\"heartbeatMs\":").Append(((long)options.Value.Heartbeat.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append("}\n\n");
            if (gap) text.Append("event: reset\ndata: {}\n\n");
            foreach (var entry in backlog) Frame(text, entry, serializer);
            await WriteAsync(response, text, writes.Token).ConfigureAwait(false);
            while (true)
            {
                if (!await WaitAsync(stream, options.Value.Heartbeat, ended.Token).ConfigureAwait(false))
                {
                    await response.Body.WriteAsync(KeepAlive, writes.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(writes.Token).ConfigureAwait(false);
                    continue;
                }
                if (stream.Dropped.IsCancellationRequested) break;
                while (stream.Entries.TryRead(out var entry)) Frame(text, entry, serializer);
                await WriteAsync(response, text, writes.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            return; // the reader left, or the host is stopping: the response just ends
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the connection broke under a write
        }
        catch (OperationCanceledException) when (stream.Dropped.IsCancellationRequested)
        {
            // the write was stuck on a client that stopped reading; fall through to dropping it
        }
        ConsoleLog.SlowStreamDropped(logger, options.Value.BufferedEntries);
        http.Abort();
    }

    /// <summary>True when entries are waiting (or the stream was dropped), false when a heartbeat is due.</summary>
    private static async Task<bool> WaitAsync(ConsoleRoomSubscription stream, TimeSpan heartbeat, CancellationToken ended)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(ended);
        beat.CancelAfter(heartbeat);
        try
        {
            await stream.Entries.WaitToReadAsync(beat.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!ended.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void Frame(StringBuilder text, ConsoleRoomEntry entry, JsonSerializerOptions serializer) =>
        // JSON has no raw line breaks, so the entry is always one data line.
        text.Append("id: ").Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append("\ndata: ")
            .Append(JsonSerializer.Serialize(entry, serializer)).Append("\n\n");

    private static async Task WriteAsync(HttpResponse response, StringBuilder text, CancellationToken cancellationToken)
    {
        if (text.Length == 0) return;
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reader's position: <c>Last-Event-ID</c> (set by a reconnecting reader) over <c>?after=</c>; 0 without either.</summary>
    internal static bool TryReadCursor(HttpRequest request, out long after, out string? error)
    {
        (after, error) = (0, null);
        var header = request.Headers["Last-Event-ID"].ToString();
        var (name, value) = header.Length > 0 ? ("Last-Event-ID", header) : ("after", request.Query["after"].ToString());
        if (value.Length == 0) return true;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out after)) return true;
        error = $"{name} must be a room entry id: a whole number, 0 or more (got '{Clip(value)}').";
        return false;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
