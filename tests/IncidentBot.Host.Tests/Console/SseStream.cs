using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Host.Tests.Console;

/// <summary>One server-sent event as read off the wire; <see cref="Comment"/> for a heartbeat (<c>: …</c>).</summary>
internal sealed record SseEvent(string? Id, string Event, string Data, bool Comment)
{
    public JsonElement Json() => JsonDocument.Parse(Data).RootElement.Clone();

    public long EntryId => Id is null ? 0 : long.Parse(Id, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads <c>GET /api/console/stream</c> frame by frame over real HTTP, the way the page does (a plain GET with headers,
/// not EventSource). Every read waits for the next frame with a bound, never a fixed sleep.
/// </summary>
internal sealed class SseStream : IAsyncDisposable
{
    static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    readonly HttpClient http;
    readonly StreamReader reader;

    SseStream(HttpClient http, HttpResponseMessage response, StreamReader reader) => (this.http, Response, this.reader) = (http, response, reader);

    public HttpResponseMessage Response { get; }

    /// <summary>Opens a stream (its own HttpClient, no overall timeout) and returns once the response headers arrived.</summary>
    public static async Task<SseStream> OpenAsync(Uri baseAddress, string path = "/api/console/stream", string? lastEventId = null, string? key = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var cts = new CancellationTokenSource(ReadTimeout);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);
        return new SseStream(http, response, reader);
    }

    /// <summary>The next frame, heartbeats included; null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextFrameAsync()
    {
        using var cts = new CancellationTokenSource(ReadTimeout);
        string? id = null;
        var type = "message";
        var data = new List<string>();
        var comment = false;
        var any = false;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"No server-sent event within {ReadTimeout.TotalSeconds:0} s.");
            }

            if (line is null) return any ? new SseEvent(id, type, string.Join('\n', data), comment) : null;
            if (line.Length == 0)
            {
                if (any) return new SseEvent(id, type, string.Join('\n', data), comment);
                continue;
            }

            any = true;
            if (line.StartsWith(':')) { comment = true; continue; }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>The next event that is not a heartbeat; fails at the end of the stream.</summary>
    public async Task<SseEvent> NextAsync()
    {
        while (true)
        {
            var frame = await NextFrameAsync() ?? throw new InvalidOperationException("The stream ended.");
            if (!frame.Comment || frame.Event != "message" || frame.Data.Length > 0) return frame;
        }
    }

    /// <summary>The next <paramref name="count"/> room entries (events named <c>message</c>).</summary>
    public async Task<IReadOnlyList<SseEvent>> EntriesAsync(int count)
    {
        var entries = new List<SseEvent>();
        while (entries.Count < count)
        {
            var e = await NextAsync();
            if (e.Event == "message") entries.Add(e);
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        Response.Dispose();
        http.Dispose();
        await Task.CompletedTask;
    }
}
