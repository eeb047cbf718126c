using System.Net;
using IncidentBot.Host.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Host.Tests.Api;

/// <summary>The API serves the fold of the events, never a projection row edited behind the store.</summary>
public sealed class IncidentProjectionTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task GetIncident_IncidentsRowEdited_ServesTheFoldedTruth()
    {
        // Arrange
        var id = await bot.DeclareAsync();
        await EditRowAsync($"UPDATE incidents SET title = 'Nothing happened', state = 'Closed', severity = 4 WHERE id = '{id}';");

        // Act
        using var response = await bot.Http.GetAsync($"/api/incidents/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.NotEqual("Nothing happened", body.GetProperty("title").GetString());
        Assert.Equal("triage", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ListIncidents_RowBehindItsStream_ServesTheFoldedTruth()
    {
        // Arrange: the row claims an older version of the incident (its last_seq is not the stream's).
        var id = await bot.DeclareAsync();
        await bot.SayAsync("alice", $"/incident triage {id} sev1 prompt");
        await EditRowAsync($"UPDATE incidents SET state = 'Triage', severity = NULL, last_seq = 1 WHERE id = '{id}';");

        // Act
        using var response = await bot.Http.GetAsync("/api/incidents");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await Json.ReadAsync(response)).EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal("containmentChoice", row.GetProperty("state").GetString());
        Assert.Equal("sev1", row.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task ListIncidents_TitleEditedWithItsSequenceUnchanged_ServesTheFoldedTruth()
    {
        // Arrange: only the title is edited; last_seq still matches the stream, so only the row's keyed checksum tells.
        var id = await bot.DeclareAsync();
        await EditRowAsync($"UPDATE incidents SET title = 'Nothing happened' WHERE id = '{id}';");

        // Act
        using var response = await bot.Http.GetAsync("/api/incidents");
        var list = await bot.SayAsync("alice", "/incident list");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await Json.ReadAsync(response)).EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.NotEqual("Nothing happened", row.GetProperty("title").GetString());
        Assert.DoesNotContain("Nothing happened", list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("attested", row.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListIncidents_RowEditedToClosed_FiltersOnTheFoldedState()
    {
        // Arrange: the row claims the incident is closed; its events say it is still in triage.
        var id = await bot.DeclareAsync();
        await EditRowAsync($"UPDATE incidents SET state = 'Closed' WHERE id = '{id}';");

        // Act
        using var closed = await bot.Http.GetAsync("/api/incidents?state=closed");
        using var triage = await bot.Http.GetAsync("/api/incidents?state=triage");

        // Assert
        Assert.Empty((await Json.ReadAsync(closed)).EnumerateArray());
        Assert.Equal([id], (await Json.ReadAsync(triage)).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private async Task EditRowAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
