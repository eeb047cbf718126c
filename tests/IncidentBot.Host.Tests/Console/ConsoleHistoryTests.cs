using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary><c>GET /api/console/threads/{id}/history</c> reads a thread's past from storage.</summary>
public sealed class ConsoleHistoryTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetHistory_DeclaredThenNoted_EntriesInOrderWithTheCurrentCard()
    {
        var id = await bot.DeclareAsync("Refunds promised");
        await bot.SayAsync("bob", "/incident note customers are asking", thread: id);

        using var response = await bot.Http.GetAsync($"/api/console/threads/{id.ToLowerInvariant()}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var entries = body.GetProperty("entries").EnumerateArray().ToList();
        var seqs = entries.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.StartsWith("declared \"Refunds promised\"", entries[0].GetProperty("text").GetString());
        Assert.Equal("alice", entries[0].GetProperty("actor").GetString());
        var note = entries.Single(e => e.GetProperty("type").GetString() == "NoteAdded");
        Assert.Equal(("bob", "console", "note: customers are asking"),
            (note.GetProperty("actor").GetString(), note.GetProperty("surface").GetString(), note.GetProperty("text").GetString()));
        Assert.True(note.TryGetProperty("time", out _));
        Assert.Equal(id, body.GetProperty("card").GetProperty("incidentId").GetString());
        Assert.Contains("Refunds promised", body.GetProperty("card").GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetHistory_UnknownIncident_Is404WithError()
    {
        using var response = await bot.Http.GetAsync("/api/console/threads/INC-99/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task GetHistory_NotAnIncidentId_Is400WithError()
    {
        using var response = await bot.Http.GetAsync("/api/console/threads/general/history");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response)).GetProperty("error").GetString()));
    }
}
