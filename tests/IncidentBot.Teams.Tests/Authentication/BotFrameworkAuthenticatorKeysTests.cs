using IncidentBot.Teams.Authentication;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>Where the signing keys come from and how often: https rule, caching, refresh on rotation, fail closed.</summary>
public sealed class BotFrameworkAuthenticatorKeysTests
{
    [Fact]
    public async Task AuthenticateAsync_ManyValidations_FetchesMetadataOnce()
    {
        await using var harness = await AuthHarness.StartAsync();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => harness.AuthenticateAsync(harness.GoodToken())));
        for (var i = 0; i < 10; i++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);
        }

        Assert.All(concurrent, c => Assert.True(c.IsValid, c.Reason));
        Assert.Equal(1, harness.StandIn.MetadataRequests);
        Assert.Equal(1, harness.StandIn.KeysRequests);
        Assert.All(harness.Http.ClientNames, n => Assert.Equal(BotFrameworkAuthenticator.HttpClientName, n));
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("http://127.0.0.1.nip.io/v1/.well-known/openidconfiguration")]
    [InlineData("http://10.0.0.1/v1/.well-known/openidconfiguration")]
    [InlineData("ftp://127.0.0.1/v1/.well-known/openidconfiguration")]
    public async Task AuthenticateAsync_MetadataUrlNeitherHttpsNorLoopback_RefusedWithoutAnyRequest(string metadataUrl)
    {
        await using var harness = await AuthHarness.StartAsync((options, _) => options.OpenIdMetadataUrl = new Uri(metadataUrl));

        var check = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.False(check.IsValid);
        Assert.Equal(BotFrameworkAuthenticator.KeysUnavailableReason, check.Reason);
        Assert.Empty(harness.Http.Requests);
    }

    [Fact]
    public async Task AuthenticateAsync_JwksUriNeitherHttpsNorLoopback_RefusedWithoutFetchingKeys()
    {
        await using var harness = await AuthHarness.StartAsync();
        harness.StandIn.JwksUriOverride = new Uri("http://login.botframework.com/v1/.well-known/keys");

        var check = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.False(check.IsValid);
        Assert.Equal(BotFrameworkAuthenticator.KeysUnavailableReason, check.Reason);
        Assert.Equal([harness.StandIn.MetadataUrl], harness.Http.Requests);
        Assert.Equal(0, harness.StandIn.KeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKidAfterRotation_RefreshesAndPasses()
    {
        await using var harness = await AuthHarness.StartAsync();
        Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);
        var rotated = harness.Keys.Create("teams-key-d", "msteams");
        harness.Keys.Publish(rotated);
        harness.Keys.Withdraw(harness.Keys.Teams);
        harness.Clock.Advance(SigningKeyCache.MinimumRefreshInterval);

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(rotated, harness.Claims()));

        Assert.True(check.IsValid, check.Reason);
        Assert.Equal("teams-key-d", check.KeyId);
        Assert.Equal(2, harness.StandIn.KeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKidsWithinMinimumInterval_FetchAtMostOncePerInterval()
    {
        await using var harness = await AuthHarness.StartAsync();
        Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);
        var attacker = harness.Keys.Unpublished;

        for (var i = 0; i < 20; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.False((await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(attacker, harness.Claims(), keyId: $"kid-{i}"))).IsValid);
        }
        var afterBurst = harness.StandIn.KeysRequests;
        harness.Clock.Advance(SigningKeyCache.MinimumRefreshInterval);
        await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(attacker, harness.Claims()));
        await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(attacker, harness.Claims()));

        Assert.Equal(1, afterBurst);   // 200 s of unknown ids, all within 5 minutes of the first fetch
        Assert.Equal(2, harness.StandIn.KeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_RotatedKeyBeforeMinimumInterval_RefusedThenAcceptedAfterIt()
    {
        await using var harness = await AuthHarness.StartAsync();
        Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);
        var rotated = harness.Keys.Create("teams-key-e", "msteams");
        harness.Keys.Publish(rotated);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var early = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(rotated, harness.Claims()));
        harness.Clock.Advance(TimeSpan.FromMinutes(4));
        var later = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(rotated, harness.Claims()));

        Assert.False(early.IsValid);
        Assert.True(later.IsValid, later.Reason);
        Assert.Equal(2, harness.StandIn.KeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_KeysOlderThanRefreshInterval_FetchedAgain()
    {
        await using var harness = await AuthHarness.StartAsync();
        Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);

        harness.Clock.Advance(SigningKeyCache.AutomaticRefreshInterval);
        var check = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(2, harness.StandIn.MetadataRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_MetadataDown_RefusedThenRecoversAfterRetryDelay()
    {
        await using var harness = await AuthHarness.StartAsync();
        harness.StandIn.Unavailable = true;

        var down = await harness.AuthenticateAsync(harness.GoodToken());
        var again = await harness.AuthenticateAsync(harness.GoodToken());
        var requestsWhileDown = harness.StandIn.MetadataRequests;
        harness.StandIn.Unavailable = false;
        harness.Clock.Advance(SigningKeyCache.RetryAfterFailure);
        var up = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.Equal(BotFrameworkAuthenticator.KeysUnavailableReason, down.Reason);
        Assert.Equal(BotFrameworkAuthenticator.KeysUnavailableReason, again.Reason);
        Assert.Equal(1, requestsWhileDown);
        Assert.True(up.IsValid, up.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_RefreshFails_OldKeysUsedUntilMaximumAge()
    {
        await using var harness = await AuthHarness.StartAsync();
        Assert.True((await harness.AuthenticateAsync(harness.GoodToken())).IsValid);
        harness.StandIn.Unavailable = true;

        harness.Clock.Advance(SigningKeyCache.AutomaticRefreshInterval + TimeSpan.FromMinutes(1));
        var stale = await harness.AuthenticateAsync(harness.GoodToken());
        harness.Clock.Advance(SigningKeyCache.MaximumKeyAge - SigningKeyCache.AutomaticRefreshInterval);
        var tooOld = await harness.AuthenticateAsync(harness.GoodToken());

        Assert.True(stale.IsValid, stale.Reason);
        Assert.Equal(BotFrameworkAuthenticator.KeysUnavailableReason, tooOld.Reason);
        Assert.Equal(3, harness.StandIn.MetadataRequests);
    }
}
