using System.Net;
using System.Text.Json;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Api;

/// <summary>GET /api/incidents?state=&amp;from=&amp;to=: closed and cancelled incidents listed, filtered by state and declaration time.</summary>
public sealed class IncidentListFilterTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    private async Task<List<JsonElement>> ListAsync(string query)
    {
        using var response = await bot.Http.GetAsync("/api/incidents" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).EnumerateArray()];
    }

    private static List<string?> Ids(List<JsonElement> incidents) => [.. incidents.Select(i => i.GetProperty("id").GetString())];

    [Fact]
    public async Task ListIncidents_StateFilter_SelectsCancelledOrOpenCaseInsensitively()
    {
        var first = await bot.DeclareAsync("First");
        var cancelled = await bot.DeclareAsync("Second");
        var third = await bot.DeclareAsync("Third");
        await bot.SayAsync("alice", $"/incident triage {third} sev2");
        Assert.Equal("applied", (await bot.SayAsync("alice", $"/incident cancel {cancelled} false alarm")).Outcome());

        var everything = await ListAsync("");
        var onlyCancelled = await ListAsync("?state=closed,Cancelled");
        var open = await ListAsync("?state=OPEN");
        var triage = await ListAsync("?state=triage");
        var triageOrCancelled = await ListAsync("?state=cancelled%2C%20containmentChoice");

        Assert.Equal([third, cancelled, first], Ids(everything));
        Assert.Equal([cancelled], Ids(onlyCancelled));
        Assert.Equal("cancelled", onlyCancelled[0].GetProperty("state").GetString());
        Assert.Equal([third, first], Ids(open));
        Assert.Equal([first], Ids(triage));
        Assert.Equal([third, cancelled], Ids(triageOrCancelled));
    }

    [Fact]
    public async Task ListIncidents_FromAndTo_FilterByDeclarationFromInclusiveToExclusive()
    {
        var first = await bot.DeclareAsync("First");
        var second = await bot.DeclareAsync("Second");
        var third = await bot.DeclareAsync("Third");
        var declared = (await ListAsync("")).ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("declaredUtc").GetDateTimeOffset());
        var at = Uri.EscapeDataString(declared[second].ToString("O"));

        var fromSecond = await ListAsync($"?from={at}");
        var toSecond = await ListAsync($"?to={at}");
        var justSecond = await ListAsync($"?from={at}&to={Uri.EscapeDataString(declared[third].ToString("O"))}");
        var future = await ListAsync($"?from={Uri.EscapeDataString(declared[third].AddDays(1).ToString("O"))}");

        Assert.Equal([third, second], Ids(fromSecond));
        Assert.Equal([first], Ids(toSecond));
        Assert.Equal([second], Ids(justSecond));
        Assert.Empty(future);
    }

    [Theory]
    [InlineData("?state=frozen", "state:", "containmentChoice")]
    [InlineData("?state=open,", "state:", "open")]
    [InlineData("?from=yesterday", "from:", "ISO 8601")]
    [InlineData("?to=12%2F02%2F2026", "to:", "ISO 8601")]
    [InlineData("?from=2026-12-02&to=2026-12-01", "to:", "before from")]
    public async Task ListIncidents_BadParameter_Is400NamingIt(string query, string parameter, string expected)
    {
        using var response = await bot.Http.GetAsync("/api/incidents" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error").GetString()!;
        Assert.StartsWith(parameter, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIncidents_AllFalse_StillListsOnlyOpenOnes()
    {
        var open = await bot.DeclareAsync("Open");
        var cancelled = await bot.DeclareAsync("Cancelled");
        await bot.SayAsync("alice", $"/incident cancel {cancelled} duplicate");

        var listed = await ListAsync("?all=false");

        Assert.Equal([open], Ids(listed));
    }
}
