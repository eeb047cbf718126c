using IncidentBot.Teams.Connector;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class TeamsConnectorSecrecyTests
{
    [Fact]
    public async Task Calls_SuccessRefreshAndFailures_NoPasswordOrTokenInLogsOrExceptions()
    {
        // Long enough for a first call on a loaded machine (token fetch and JIT included), short next to the 30 s stall.
        await using var bot = await ConnectorHarness.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(4));
        var url = bot.StandIn.ServiceUrl;
        var failures = new List<Exception>();
        async Task Try(Func<Task> call)
        {
            try { await call(); }
            catch (TeamsApiException e) { failures.Add(e); }
        }

        var id = await bot.Connector.SendToConversationAsync(url, "a:chat", ConnectorHarness.Message("one"), CancellationToken.None);
        bot.StandIn.RevokeIssuedTokens();
        await bot.Connector.UpdateActivityAsync(url, "a:chat", id, ConnectorHarness.Message("two"), CancellationToken.None);
        bot.StandIn.FailNext(404, errorCode: "ConversationNotFound");
        await Try(() => bot.Connector.SendToConversationAsync(url, "a:gone", ConnectorHarness.Message("x"), CancellationToken.None));
        bot.StandIn.FailNext(429, retryAfterSeconds: 60);
        await Try(() => bot.Connector.SendToConversationAsync(url, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));
        bot.StandIn.StallNext(TimeSpan.FromSeconds(30));
        await Try(() => bot.Connector.SendToConversationAsync(url, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));
        bot.StandIn.FailNext(401);
        bot.StandIn.FailNext(401);
        await Try(() => bot.Connector.SendToConversationAsync(url, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));
        bot.StandIn.RevokeIssuedTokens();
        bot.StandIn.RefuseCredentials = true;
        await Try(() => bot.Connector.SendToConversationAsync(url, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        var secrets = bot.StandIn.IssuedTokens.Append(bot.StandIn.AppPassword).ToList();
        Assert.Equal(5, failures.Count);
        Assert.True(secrets.Count >= 4, "tokens were issued and refreshed");
        Assert.Contains(bot.Logs.Lines, l => l.EventId == 7303);
        Assert.Contains(bot.Logs.Lines, l => l.Text.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        var everything = bot.Logs.AllText + string.Join("\n", failures.Select(f => f.ToString()));
        foreach (var secret in secrets) Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
    }
}
