using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// Serves the console page from the resources embedded in incidentbot.dll and answers its API calls from memory,
/// inside the browser (Playwright routes on a made-up origin), so the page's own behaviour can be tested without the
/// backend. Records what the page posted and from which room positions it read the stream. Each stream answer holds
/// what the room has after that position and then ends, so the page reconnects (about once a second).
/// </summary>
public sealed class FakeConsoleApi
{
    public static readonly Uri Origin = new("http://console.test/");

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly object gate = new();
    readonly List<JsonElement> posts = [];
    readonly List<string> streamCursors = [];
    readonly List<(long Id, object Entry)> room = [];

    public object[] People { get; set; } =
    [
        new { id = "alice", name = "Alice", groups = new[] { "oncall" } },
        new { id = "bob", name = "Bob", groups = new[] { "approvers" } },
        new { id = "carol", name = "Carol", groups = new[] { "approvers" } },
    ];

    public object[] Incidents { get; set; } = [];

    /// <summary>Answers <c>POST /api/console/messages</c>; gets the posted body.</summary>
    public Func<JsonElement, object> Respond { get; set; } = _ => new { incidentId = (string?)null, replies = Array.Empty<object>() };

    public IReadOnlyList<JsonElement> Posts
    {
        get
        {
            lock (gate)
            {
                return [.. posts];
            }
        }
    }

    /// <summary>Where each stream request started: its Last-Event-ID header, else its <c>after</c> query value.</summary>
    public IReadOnlyList<string> StreamCursors
    {
        get
        {
            lock (gate)
            {
                return [.. streamCursors];
            }
        }
    }

    /// <summary>A room entry (a ROOM ENTRY of the console contract: kind, incidentId, user/text or card, tab).</summary>
    public void AddRoomEntry(long id, object entry)
    {
        lock (gate)
        {
            room.Add((id, entry));
        }
    }

    public Task AttachAsync(IPage page) => page.RouteAsync(Origin + "**", HandleAsync);

    async Task HandleAsync(IRoute route)
    {
        var request = route.Request;
        var url = new Uri(request.Url);
        var path = url.AbsolutePath;

        if (path is "/console" or "/console/")
        {
            await route.FulfillAsync(Resource("index.html", "text/html; charset=utf-8"));
            return;
        }

        if (path.StartsWith("/console/", StringComparison.Ordinal))
        {
            var file = path["/console/".Length..];
            var type = file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            await route.FulfillAsync(Resource(file, type));
            return;
        }

        if (path == "/api/console/stream")
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/event-stream", Body = Stream(request, url.Query) });
            return;
        }

        object? body = path switch
        {
            "/api/console/people" => People,
            "/api/incidents" => Incidents,
            "/api/console/messages" when request.Method == "POST" => Message(request.PostData ?? "{}"),
            _ => null,
        };

        await route.FulfillAsync(body is null
            ? new RouteFulfillOptions { Status = 404, ContentType = "application/json", Body = "{\"error\":\"not found\"}" }
            : new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = JsonSerializer.Serialize(body, Json) });
    }

    string Stream(IRequest request, string query)
    {
        var cursor = request.Headers.TryGetValue("last-event-id", out var header) ? header
            : query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("after=", StringComparison.Ordinal))?["after=".Length..] ?? "";
        var after = cursor.Length == 0 ? 0 : long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            streamCursors.Add(cursor);
            var frames = new System.Text.StringBuilder("event: ready\ndata: {}\n\n");
            foreach (var (id, entry) in room.Where(e => e.Id > after))
            {
                frames.Append("id: ").Append(id).Append("\ndata: ").Append(JsonSerializer.Serialize(entry, Json)).Append("\n\n");
            }

            return frames.ToString();
        }
    }

    object Message(string json)
    {
        var body = JsonDocument.Parse(json).RootElement.Clone();
        lock (gate)
        {
            posts.Add(body);
        }

        return Respond(body);
    }

    static RouteFulfillOptions Resource(string file, string contentType)
    {
        var assembly = Assembly.Load(new AssemblyName("incidentbot"));
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith(".Console.Page." + file, StringComparison.Ordinal));
        if (name is null)
        {
            return new RouteFulfillOptions { Status = 404, ContentType = "text/plain", Body = "no such resource" };
        }

        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new RouteFulfillOptions { Status = 200, ContentType = contentType, BodyBytes = buffer.ToArray() };
    }

    /// <summary>A CARD of the console contract.</summary>
    public static object Card(
        string title,
        string text = "",
        string tone = "info",
        string? incidentId = null,
        string? key = null,
        object[]? buttons = null,
        object[]? fields = null,
        string context = "") =>
        new { title, text, fields = fields ?? [], buttons = buttons ?? [], context, tone, incidentId, key };

    /// <summary>A BUTTON of the console contract.</summary>
    public static object Button(string label, string command, string style = "default", object? confirm = null, string? inputPrompt = null) =>
        new { label, command, style, confirm, inputPrompt };

    /// <summary>A room entry with the bot's card.</summary>
    public static object RoomCard(string kind, string incidentId, object card, string? tab = null) => new { kind, incidentId, card, tab };

    /// <summary>A room entry with a person's line.</summary>
    public static object RoomMessage(string user, string text, string? incidentId, string? tab = null) =>
        new { kind = "message", incidentId, user, text, tab };

    /// <summary>A reply of <c>POST /api/console/messages</c>.</summary>
    public static object Reply(object card, string visibility = "conversation") => new { visibility, card };
}
