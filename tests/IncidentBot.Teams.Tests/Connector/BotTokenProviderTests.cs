using IncidentBot.TestSupport.Time;
using System.Net;
using IncidentBot.Teams.Connector;

namespace IncidentBot.Teams.Tests.Connector;

public sealed class BotTokenProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetTokenAsync_CalledTwice_FetchesOnceAndReuses()
    {
        await using var bot = await ConnectorHarness.StartAsync();

        var first = await bot.Tokens.GetTokenAsync(CancellationToken.None);
        var second = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, bot.StandIn.TokenRequests);
        Assert.Equal(bot.StandIn.IssuedTokens.Single(), first);
    }

    [Fact]
    public async Task GetTokenAsync_HourLongToken_ReusedUntilFiveMinutesBeforeExpiry()
    {
        var clock = new ManualTimeProvider(Start);
        await using var bot = await ConnectorHarness.StartAsync(time: clock);
        var first = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        var stillCached = await bot.Tokens.GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, stillCached);
        Assert.NotEqual(first, refreshed);
        Assert.Equal(2, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_ShortLivedToken_RefreshedAtHalfItsLifetime()
    {
        var clock = new ManualTimeProvider(Start);
        await using var bot = await ConnectorHarness.StartAsync(time: clock);
        bot.StandIn.TokenLifetime = TimeSpan.FromSeconds(60);
        var first = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(29));
        var stillCached = await bot.Tokens.GetTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, stillCached);
        Assert.NotEqual(first, refreshed);
    }

    [Theory]
    [InlineData(3600, 300)]
    [InlineData(600, 300)]
    [InlineData(599, 299.5)]
    [InlineData(60, 30)]
    public void RefreshMargin_Lifetime_FiveMinutesOrHalf(int lifetimeSeconds, double marginSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(marginSeconds), BotTokenProvider.RefreshMargin(TimeSpan.FromSeconds(lifetimeSeconds)));

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneRequest()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var gate = bot.StandIn.HoldTokenRequests();

        var callers = Enumerable.Range(0, 16).Select(_ => bot.Tokens.GetTokenAsync(CancellationToken.None)).ToList();
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_OneWaiterCancels_OthersStillGetTheSharedToken()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var gate = bot.StandIn.HoldTokenRequests();
        using var impatient = new CancellationTokenSource();

        var quitter = bot.Tokens.GetTokenAsync(impatient.Token);
        var patient = bot.Tokens.GetTokenAsync(CancellationToken.None);
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        gate.Release();
        var token = await patient.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(bot.StandIn.IssuedTokens.Single(), token);
        Assert.Equal(1, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_BadCredentials_NotTransientWithOAuthCode()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.RefuseCredentials = true;

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal(BotTokenProvider.Operation, e.Operation);
        Assert.Equal("invalid_client", e.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GetTokenAsync_WrongPassword_RefusedByEndpoint()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.AppPassword = "not-the-password");

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal("invalid_client", e.ErrorCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task GetTokenAsync_ServerError_TransientAndNotCached()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        bot.StandIn.FailNextToken(503);

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));
        var token = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.True(e.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(bot.StandIn.IssuedTokens.Single(), token);
        Assert.Equal(2, bot.StandIn.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_EndpointTooSlow_TransientTimeout()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(1));
        var gate = bot.StandIn.HoldTokenRequests();

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));
        gate.Release();

        Assert.Equal("timeout", e.ErrorCode);
        Assert.True(e.IsTransient);
    }

    [Theory]
    [InlineData("http://login.example.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("http://10.1.2.3/botframework.com/oauth2/v2.0/token")]
    public async Task GetTokenAsync_PlainHttpNonLoopbackEndpoint_RefusedWithoutRequest(string endpoint)
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.TokenEndpoint = new Uri(endpoint));

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal("token_endpoint_refused", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Empty(bot.Counter.Sent);
    }

    [Fact]
    public async Task GetTokenAsync_NoPassword_NotConfiguredWithoutRequest()
    {
        await using var bot = await ConnectorHarness.StartAsync(o => o.AppPassword = null);

        var e = await Assert.ThrowsAsync<TeamsApiException>(() => bot.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal("not_configured", e.ErrorCode);
        Assert.Empty(bot.Counter.Sent);
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallFetchesAnother()
    {
        await using var bot = await ConnectorHarness.StartAsync();
        var first = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        bot.Tokens.Invalidate("some-older-token");
        var unchanged = await bot.Tokens.GetTokenAsync(CancellationToken.None);
        bot.Tokens.Invalidate(first);
        var fresh = await bot.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, unchanged);
        Assert.NotEqual(first, fresh);
        Assert.Equal(2, bot.StandIn.TokenRequests);
    }
}
