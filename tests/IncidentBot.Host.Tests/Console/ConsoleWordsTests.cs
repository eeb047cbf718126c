using System.Net;
using IncidentBot.Host.Tests.Support;

namespace IncidentBot.Host.Tests.Console;

/// <summary>The words people use, over the console's real HTTP: a typo gets one line of help, and an id written
/// with leading zeros names the same incident in commands, threads and API routes.</summary>
public sealed class ConsoleWordsTests : IAsyncLifetime
{
    private TestBot bot = null!;

    public async Task InitializeAsync() => bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task PostMessage_MistypedVerb_SuggestsTheVerbWithOneLineOfUsage()
    {
        var reply = await bot.SayAsync("alice", "/incident decalre Assistant promises refunds sev2");

        var lines = reply.CardText().Split('\n');
        Assert.Equal(("answered", "Not understood"), (reply.Outcome(), reply.CardTitle()));
        Assert.Equal(2, lines.Length);
        Assert.Equal("Unknown verb 'decalre'. Did you mean declare?", lines[0]);
        Assert.StartsWith("Usage: /incident declare <title>", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("more: /incident help declare", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_IdWithLeadingZeros_ActsOnTheSameIncident()
    {
        var id = await bot.DeclareAsync();
        var zeros = "inc-00" + id[4..];

        var inText = await bot.SayAsync("alice", $"/incident note {zeros} written with zeros");
        var inThread = await bot.SayAsync("alice", "/incident note from the zero thread", thread: "#" + zeros);

        Assert.Equal((id, "applied"), (inText.GetProperty("incidentId").GetString(), inText.Outcome()));
        Assert.Equal((id, "applied"), (inThread.GetProperty("incidentId").GetString(), inThread.Outcome()));
    }

    [Theory]
    [InlineData("/api/incidents/{0}")]
    [InlineData("/api/incidents/{0}/timeline?format=json")]
    [InlineData("/api/console/threads/{0}/history")]
    public async Task Get_RouteWithIdWithLeadingZeros_FindsTheIncident(string route)
    {
        var id = await bot.DeclareAsync();

        using var response = await bot.Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "INC-00" + id[4..]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(id, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
