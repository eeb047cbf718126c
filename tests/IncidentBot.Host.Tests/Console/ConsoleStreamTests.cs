using System.Diagnostics;
using System.Net;
using IncidentBot.Core.Messages;
using IncidentBot.Host.Console;
using IncidentBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Console;

/// <summary>
/// <c>GET /api/console/stream</c> over real HTTP on loopback: the room live as server-sent events, resumable from the
/// last id, bounded per connection and in number, and ended when the host stops.
/// </summary>
public sealed class ConsoleStreamTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    [Fact]
    public async Task Stream_MessagePostedByAnotherClient_ArrivesWithItsPublicRepliesOnly()
    {
        await StartAsync();
        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ready", (await stream.NextAsync()).Event);

        var id = await bot.DeclareAsync("Refunds promised");
        await bot.SayAsync("bob", "/incident help", thread: id);               // answered to bob only
        await bot.SayAsync("bob", "/incident note customers are asking", thread: id);

        var entries = await stream.EntriesAsync(4);
        var json = entries.Select(e => e.Json()).ToList();
        Assert.Equal(["message", "reply", "message", "reply"], json.Select(j => j.GetProperty("kind").GetString()));
        Assert.Equal("alice", json[0].GetProperty("user").GetString());
        Assert.Contains("/incident declare Refunds promised", json[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, json[1].GetProperty("incidentId").GetString());
        Assert.Matches($"^{id}@\\d+$", json[1].GetProperty("card").GetProperty("key").GetString());
        Assert.Equal(("bob", "/incident note customers are asking", id),
            (json[2].GetProperty("user").GetString(), json[2].GetProperty("text").GetString(), json[2].GetProperty("incidentId").GetString()));
        Assert.Equal(entries.Select(e => e.EntryId).Order(), entries.Select(e => e.EntryId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_ResumedFromAnId_GetsExactlyWhatCameAfter(bool header)
    {
        await StartAsync();
        var id = await bot.DeclareAsync();
        for (var i = 0; i < 3; i++) await bot.SayAsync("alice", $"/incident note n{i}", thread: id);
        List<long> all;
        await using (var first = await SseStream.OpenAsync(bot.Http.BaseAddress!))
        {
            await first.NextAsync();
            all = [.. (await first.EntriesAsync(8)).Select(e => e.EntryId)];
        } // the reader goes away after the 8th entry

        var cursor = all[3].ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var resumed = header
            ? await SseStream.OpenAsync(bot.Http.BaseAddress!, lastEventId: cursor)
            : await SseStream.OpenAsync(bot.Http.BaseAddress!, "/api/console/stream?after=" + cursor);
        Assert.Equal("ready", (await resumed.NextAsync()).Event);
        await bot.SayAsync("bob", "/incident note live", thread: id);

        var entries = await resumed.EntriesAsync(6);
        Assert.Equal(all[4..], entries.Take(4).Select(e => e.EntryId));
        Assert.Equal("/incident note live", entries[4].Json().GetProperty("text").GetString());
        Assert.Equal(entries.Select(e => e.EntryId).Distinct().Order(), entries.Select(e => e.EntryId));
    }

    [Fact]
    public async Task Stream_CursorOlderThanTheRoomKeeps_SaysResetThenSendsWhatIsKept()
    {
        await StartAsync(new() { ["Console:Room:Capacity"] = "10" });
        var room = bot.App.Services.GetRequiredService<ConsoleRoom>();
        for (var i = 1; i <= 15; i++) room.Notified(i, "INC-1", Notice(i));
        var kept = room.After(0, 100);

        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!, lastEventId: (kept[0].Id - 5).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["ready", "reset"], [(await stream.NextAsync()).Event, (await stream.NextAsync()).Event]);
        Assert.Equal(kept.Select(e => e.Id), (await stream.EntriesAsync(10)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task Stream_CursorFromTheFuture_SaysResetAndReplaysEverythingKept()
    {
        await StartAsync();
        var room = bot.App.Services.GetRequiredService<ConsoleRoom>();
        room.Notified(1, "INC-1", Notice(1));

        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!, lastEventId: (room.LastId + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["ready", "reset"], [(await stream.NextAsync()).Event, (await stream.NextAsync()).Event]);
        Assert.Equal(room.LastId, (await stream.EntriesAsync(1))[0].EntryId);
    }

    [Theory]
    [InlineData("/api/console/stream?after=abc", null, "after")]
    [InlineData("/api/console/stream?after=-1", null, "after")]
    [InlineData("/api/console/stream", "x", "Last-Event-ID")]
    [InlineData("/api/console/feed?after=1.5", null, "after")]
    public async Task Stream_BadCursor_Is400NamingIt(string path, string? lastEventId, string name)
    {
        await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);

        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(name + " must be", (await Json.ReadAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, bot.App.Services.GetRequiredService<ConsoleRoom>().StreamCount);
    }

    [Fact]
    public async Task Stream_MaxStreamsOpen_NextIs503WithRetryAfter()
    {
        await StartAsync(new() { ["Console:Room:MaxStreams"] = "1" });
        await using var first = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        await first.NextAsync();

        using var second = await bot.Http.GetAsync("/api/console/stream");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter?.Delta);
        Assert.Contains("1 live streams", (await Json.ReadAsync(second)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientCloses_ItsStreamIsReleased()
    {
        await StartAsync(new() { ["Console:Room:Heartbeat"] = "00:00:00.200" });
        var room = bot.App.Services.GetRequiredService<ConsoleRoom>();
        var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        await stream.NextAsync();
        Assert.Equal(1, room.StreamCount);

        await stream.DisposeAsync();

        await WaitUntilAsync(() => room.StreamCount == 0, "the closed stream was never released");
    }

    [Fact]
    public async Task Stream_ClientStopsReading_IsDroppedAndTheRoomGoesOn()
    {
        await StartAsync(new() { ["Console:Room:BufferedEntries"] = "4", ["Console:Room:Capacity"] = "20" });
        var room = bot.App.Services.GetRequiredService<ConsoleRoom>();
        await using var stalled = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        await stalled.NextAsync();

        // Large entries fill the socket buffers of a reader that never reads; then its 4 buffered entries overflow.
        var big = new string('x', 256 * 1024);
        for (var i = 1; i <= 400 && room.StreamCount > 0; i++)
        {
            room.Notified(i, "INC-1", Notice(i) with { Text = big });
            await Task.Yield();
        }

        await WaitUntilAsync(() => room.StreamCount == 0, "the stalled stream was never dropped");
        await using var fresh = await SseStream.OpenAsync(bot.Http.BaseAddress!, lastEventId: room.LastId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ready", (await fresh.NextAsync()).Event);
        room.Notified(10_000, "INC-1", Notice(10_000));
        Assert.Equal(room.LastId, (await fresh.EntriesAsync(1))[0].EntryId);
    }

    [Fact]
    public async Task Stream_Idle_SendsHeartbeatComments()
    {
        await StartAsync(new() { ["Console:Room:Heartbeat"] = "00:00:00.100" });
        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        await stream.NextAsync();

        var frame = await stream.NextFrameAsync();

        Assert.True(frame is { Comment: true, Data: "" }, frame?.ToString());
    }

    [Fact]
    public async Task Stream_HostStops_StreamEndsAndTheHostStopsPromptly()
    {
        await StartAsync();
        await using var stream = await SseStream.OpenAsync(bot.Http.BaseAddress!);
        await stream.NextAsync();

        var clock = Stopwatch.StartNew();
        await bot.App.StopAsync();

        // Without ending its streams the host would wait for them until its shutdown timeout (30 s).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"StopAsync took {clock.Elapsed}.");
        Assert.Null(await stream.NextFrameAsync());
    }

    private async Task StartAsync(Dictionary<string, string?>? settings = null) => bot = await TestBot.StartAsync(settings: settings);

    private static Card Notice(int n) => new($"Notice {n}", "", [], [], "", IncidentId: "INC-1", Key: $"INC-1@{n}");

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), what);
            await Task.Delay(20);
        }
    }
}
