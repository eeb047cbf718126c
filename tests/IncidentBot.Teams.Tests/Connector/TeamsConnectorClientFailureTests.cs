using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IncidentBot.Teams.Connector;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class TeamsConnectorClientFailureTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendToConversationAsync_429RetryAfter2Then502_OneMessageNotBeforeTwoSeconds()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNext(429, retryAfterSeconds: 2);
        bot.StandIn.FailNext(502);

        var id = await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:ops@thread.skype", ConnectorHarness.Message("x"), CancellationToken.None);

        var accepted = bot.StandIn.Transcript.Calls.Single();
        var throttled = bot.StandIn.ConnectorRequests.First(r => r.Status == 429);
        Assert.Equal(id, accepted.ActivityId);
        Assert.Equal([429, 502, 201], bot.StandIn.ConnectorRequests.Select(r => r.Status));
        Assert.True(accepted.ReceivedAt - throttled.ReceivedAt >= TimeSpan.FromSeconds(2), $"retried after {accepted.ReceivedAt - throttled.ReceivedAt}");
    }

    [Fact]
    public async Task SendToConversationAsync_429RetryAfterBeyondCap_TransientWithRetryAfterAndNoWait()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNext(429, retryAfterSeconds: 30);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:ops@thread.skype", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.True(e.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal("Throttled", e.ErrorCode);
        Assert.Single(bot.StandIn.ConnectorRequests);
    }

    [Fact]
    public async Task UpdateActivityAsync_503UntilRetriesRunOut_TransientAfterMaxRetriesPlusOne()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var id = await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("v1"), CancellationToken.None);
        bot.StandIn.FailNext(503);
        bot.StandIn.FailNext(503);
        bot.StandIn.FailNext(503);

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.UpdateActivityAsync(bot.StandIn.ServiceUrl, "a:chat", id, ConnectorHarness.Message("v2"), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(3, bot.StandIn.CountOf(503));
    }

    [Theory]
    [InlineData(412)]
    [InlineData(500)]
    [InlineData(504)]
    public async Task SendToConversationAsync_TransientStatusOnce_RetriedAndPostedOnce(int status)
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNext(status);

        await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None);

        Assert.Equal([status, 201], bot.StandIn.ConnectorRequests.Select(r => r.Status));
        Assert.Equal(1, bot.StandIn.Transcript.Count);
    }

    [Theory]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(400, "BadArgument")]
    public async Task SendToConversationAsync_ClientError_NotTransientWithConnectorCode(int status, string code)
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNext(status, errorCode: code);

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "19:gone@thread.skype", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Null(e.RetryAfter);
        Assert.Single(bot.StandIn.ConnectorRequests);
    }

    [Fact]
    public async Task UpdateActivityAsync_UnknownActivity_NotFoundNotTransient()
    {
        await using var bot = await ConnectorHarness.StartAsync();

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.UpdateActivityAsync(bot.StandIn.ServiceUrl, "a:chat", "999", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal("NotFound", e.ErrorCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task SendToConversationAsync_TimeoutAfterPosting_TransientOutcomeUnknownNotRepeated()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(1));
        await bot.Tokens.GetTokenAsync(CancellationToken.None);
        bot.StandIn.StallNext(TimeSpan.FromSeconds(30));

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal("timeout", e.ErrorCode);
        Assert.True(e.IsTransient);
        Assert.True(e.OutcomeUnknown);
        Assert.Null(e.StatusCode);
        // The message did land: that is why the post was not repeated in place.
        Assert.Equal(1, bot.StandIn.Transcript.Count);
        Assert.Single(bot.Counter.Sent, u => u.AbsolutePath.Contains("/activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateActivityAsync_TimeoutOnce_RetriedInPlace()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(1));
        var id = await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("v1"), CancellationToken.None);
        bot.StandIn.StallNext(TimeSpan.FromSeconds(30));

        await bot.Connector.UpdateActivityAsync(bot.StandIn.ServiceUrl, "a:chat", id, ConnectorHarness.Message("v2"), CancellationToken.None);

        Assert.Equal(2, bot.StandIn.Transcript.UpdatesOf(id).Count);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionRefused_RetriedThenTransient()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/teams/");

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(closed, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal("transport", e.ErrorCode);
        Assert.True(e.IsTransient);
        Assert.False(e.OutcomeUnknown);
        Assert.Equal(3, bot.Counter.Sent.Count(u => u.Port == closed.Port));
    }

    [Fact]
    public async Task SendToConversationAsync_TokenEndpointFailsOnce_RetriedAndPosted()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNextToken(500);

        await bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None);

        Assert.Equal(2, bot.StandIn.TokenRequests);
        Assert.Equal(1, bot.StandIn.Transcript.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_BadCredentials_NotTransientNotRetried()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.RefuseCredentials = true;

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal(BotTokenProvider.Operation, e.Operation);
        Assert.False(e.IsTransient);
        Assert.Equal(1, bot.StandIn.TokenRequests);
        Assert.Empty(bot.StandIn.ConnectorRequests);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/teams/")]
    [InlineData("http://10.0.0.7/teams/")]
    [InlineData("ftp://127.0.0.1/teams/")]
    [InlineData("https://user:pw@smba.trafficmanager.net/teams/")]
    public async Task SendToConversationAsync_ServiceUrlNotHttpsNorLoopback_RefusedWithoutRequest(string serviceUrl)
    {
        await using var bot = await ConnectorHarness.StartAsync();

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(new Uri(serviceUrl), "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal("service_url_refused", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Empty(bot.Counter.Sent);
    }

    [Fact]
    public async Task SendToConversationAsync_TokenEndpointPlainHttpRemote_RefusedWithoutRequest()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.TokenEndpoint = new Uri("http://login.example.com/botframework.com/oauth2/v2.0/token"));

        var e = await Assert.ThrowsAsync<TeamsApiException>(() =>
            bot.Connector.SendToConversationAsync(bot.StandIn.ServiceUrl, "a:chat", ConnectorHarness.Message("x"), CancellationToken.None));

        Assert.Equal("token_endpoint_refused", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Empty(bot.Counter.Sent);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
