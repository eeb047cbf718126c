using IncidentBot.Teams.Authentication;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>Step 2: the parsed activity against its (valid) token: endorsements and <c>serviceurl</c>.</summary>
public sealed class BotFrameworkAuthenticatorActivityTests
{
    private const string ServiceUrl = BotFrameworkTokenClaims.DefaultServiceUrl;

    [Fact]
    public async Task CheckActivity_KeyEndorsedOnlyForSkype_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.SkypeOnly, harness.Claims()));

        var check = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, ServiceUrl);

        Assert.True(token.IsValid, token.Reason);
        Assert.False(check.IsValid);
        Assert.Equal("the signing key is not endorsed for channel 'msteams'", check.Reason);
    }

    [Fact]
    public async Task CheckActivity_ChannelIdDiffersInCase_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(harness.GoodToken());

        var check = harness.Authenticator.CheckActivity(token, "MSTeams", ServiceUrl);

        Assert.False(check.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task CheckActivity_NoChannelId_Refused(string? channelId)
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(harness.GoodToken());

        var check = harness.Authenticator.CheckActivity(token, channelId, ServiceUrl);

        Assert.False(check.IsValid);
        Assert.Equal("the activity has no channelId", check.Reason);
    }

    [Fact]
    public async Task CheckActivity_ServiceUrlClaimMissing_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { ServiceUrl = null }));

        var check = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, ServiceUrl);

        Assert.True(token.IsValid, token.Reason);
        Assert.Null(token.ServiceUrl);
        Assert.False(check.IsValid);
        Assert.Equal("the token has no serviceurl claim", check.Reason);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("https://attacker.example/amer/")]
    public async Task CheckActivity_ServiceUrlDifferent_Refused(string activityServiceUrl)
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(harness.GoodToken());

        var check = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, activityServiceUrl);

        Assert.False(check.IsValid);
        Assert.Equal("the activity's serviceUrl differs from the token's serviceurl claim", check.Reason);
    }

    [Fact]
    public async Task CheckActivity_ServiceUrlDiffersOnlyInCase_Valid()
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(harness.GoodToken());

        var check = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, ServiceUrl.ToUpperInvariant());

        Assert.True(check.IsValid, check.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task CheckActivity_ActivityWithoutServiceUrl_Refused(string? activityServiceUrl)
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = await harness.AuthenticateAsync(harness.GoodToken());

        var check = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, activityServiceUrl);

        Assert.False(check.IsValid);
        Assert.Equal("the activity has no serviceUrl", check.Reason);
    }

    [Fact]
    public async Task CheckActivity_RefusedToken_RefusedAndLogged()
    {
        await using var harness = await AuthHarness.StartAsync();
        var refused = BotFrameworkTokenCheck.Fail("test");

        var check = harness.Authenticator.CheckActivity(refused, TeamsSurface.ChannelId, ServiceUrl);

        Assert.False(check.IsValid);
        var warning = Assert.Single(harness.Log.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(7101, warning.EventId);
    }
}
