using IncidentBot.Teams.Authentication;
using IncidentBot.TestSupport.BotFramework;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>Step 1 against the loopback stand-in with real RS256 tokens: header shape, issuer, audience, lifetime.</summary>
public sealed class BotFrameworkAuthenticatorTests
{
    [Fact]
    public async Task AuthenticateAsync_GoodToken_PassesBothSteps()
    {
        await using var harness = await AuthHarness.StartAsync();

        var token = await harness.AuthenticateAsync(harness.GoodToken());
        var activity = harness.Authenticator.CheckActivity(token, TeamsSurface.ChannelId, BotFrameworkTokenClaims.DefaultServiceUrl);

        Assert.True(token.IsValid, token.Reason);
        Assert.Equal(BotFrameworkTokenClaims.DefaultServiceUrl, token.ServiceUrl);
        Assert.Equal(["msteams"], token.Endorsements);
        Assert.Equal(harness.Keys.Teams.KeyId, token.KeyId);
        Assert.True(activity.IsValid, activity.Reason);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AuthenticateAsync_MissingHeader_RefusedWithoutFetchingKeys()
    {
        await using var harness = await AuthHarness.StartAsync();

        var empty = await harness.Authenticator.AuthenticateAsync(StringValues.Empty, CancellationToken.None);
        var blank = await harness.Authenticator.AuthenticateAsync("", CancellationToken.None);

        Assert.False(empty.IsValid);
        Assert.Contains("missing Authorization", empty.Reason, StringComparison.Ordinal);
        Assert.False(blank.IsValid);
        Assert.Equal(0, harness.StandIn.MetadataRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_TwoAuthorizationHeaders_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var good = "Bearer " + harness.GoodToken();

        var check = await harness.Authenticator.AuthenticateAsync(new StringValues([good, good]), CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("more than one", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bearer {0}", "scheme is not Bearer")]
    [InlineData("BEARER {0}", "scheme is not Bearer")]
    [InlineData("Basic {0}", "scheme is not Bearer")]
    [InlineData("Bearer  {0}", "not 'Bearer <token>'")]
    [InlineData("Bearer {0} extra", "not 'Bearer <token>'")]
    [InlineData("{0}", "not 'Bearer <token>'")]
    [InlineData("Bearer ", "no token")]
    public async Task AuthenticateAsync_MalformedHeader_Refused(string format, string reason)
    {
        await using var harness = await AuthHarness.StartAsync();
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, harness.GoodToken());

        var check = await harness.Authenticator.AuthenticateAsync(header, CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.StandIn.MetadataRequests);
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://API.botframework.com")]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")]
    [InlineData("")]
    public async Task AuthenticateAsync_WrongIssuer_Refused(string issuer)
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { Issuer = issuer }));

        Assert.False(check.IsValid);
        Assert.Equal("wrong issuer", check.Reason);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000002")]
    [InlineData("7A3C1B2E-5D4F-4E6A-9B8C-0D1E2F3A4B5C")]
    [InlineData("https://api.botframework.com")]
    public async Task AuthenticateAsync_WrongAudience_Refused(string audience)
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { Audience = audience }));

        Assert.False(check.IsValid);
        Assert.Equal("wrong audience", check.Reason);
    }

    [Theory]
    [InlineData(-6 * 60, false)]
    [InlineData(-5 * 60 - 1, false)]
    [InlineData(-4 * 60, true)]
    [InlineData(-5 * 60 + 1, true)]
    public async Task AuthenticateAsync_ExpiredToken_RefusedOnlyBeyondFiveMinuteSkew(int expiresInSeconds, bool valid)
    {
        await using var harness = await AuthHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        var claims = harness.Claims() with { NotBefore = now.AddHours(-1), Expires = now.AddSeconds(expiresInSeconds) };

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, claims));

        Assert.Equal(valid, check.IsValid);
        if (!valid) Assert.Contains("expired", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6 * 60, false)]
    [InlineData(5 * 60 + 1, false)]
    [InlineData(4 * 60, true)]
    public async Task AuthenticateAsync_NotYetValidToken_RefusedOnlyBeyondFiveMinuteSkew(int validInSeconds, bool valid)
    {
        await using var harness = await AuthHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        var claims = harness.Claims() with { NotBefore = now.AddSeconds(validInSeconds), Expires = now.AddHours(1) };

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, claims));

        Assert.Equal(valid, check.IsValid);
        if (!valid) Assert.Contains("not valid for more than 5 minutes yet", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_NoExpiry_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { Expires = null }));

        Assert.False(check.IsValid);
        Assert.Equal("the token has no expiry", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_NoAppIdConfigured_Refused()
    {
        await using var harness = await AuthHarness.StartAsync((options, _) => options.AppId = " ");

        var check = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.False(check.IsValid);
        Assert.Contains("no Teams app id", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_Refused_LogsOneWarningWithReasonAndNoToken()
    {
        await using var harness = await AuthHarness.StartAsync();
        var token = BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { Audience = "someone-else" });

        var check = await harness.AuthenticateAsync(token);

        var warning = Assert.Single(harness.Log.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(7100, warning.EventId);
        Assert.Contains(check.Reason, warning.Message, StringComparison.Ordinal);
        Assert.All(harness.Log.Lines, l => Assert.DoesNotContain(token.Split('.')[1], l.Message, StringComparison.Ordinal));
        Assert.All(harness.Log.Lines, l => Assert.DoesNotContain(token.Split('.')[2], l.Message, StringComparison.Ordinal));
    }
}
