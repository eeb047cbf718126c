using System.Text;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Authentication;

/// <summary>Step 1 against tokens an attacker could make: other algorithms, other keys, tampering, garbage.</summary>
public sealed class BotFrameworkAuthenticatorForgeryTests
{
    [Fact]
    public async Task AuthenticateAsync_KeyNotInJwks_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintToken(harness.Keys.Unpublished, harness.Claims()));

        Assert.False(check.IsValid);
        Assert.Equal("the signing key is not one the Bot Framework publishes", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_PublishedKidButSignedWithOtherKey_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();

        var token = BotFrameworkTokenMinter.MintToken(harness.Keys.Unpublished, harness.Claims(), keyId: harness.Keys.Teams.KeyId);
        var check = await harness.AuthenticateAsync(token);

        Assert.False(check.IsValid);
        Assert.Equal("the signature does not verify", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_PayloadSwappedUnderGoodSignature_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var good = harness.GoodToken().Split('.');
        var other = BotFrameworkTokenMinter.MintToken(harness.Keys.Teams, harness.Claims() with { ServiceUrl = "https://attacker.example/" }).Split('.');

        var check = await harness.AuthenticateAsync($"{good[0]}.{other[1]}.{good[2]}");

        Assert.False(check.IsValid);
        Assert.Equal("the signature does not verify", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_Rs256HeaderWithoutSignature_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var good = harness.GoodToken();

        var check = await harness.AuthenticateAsync(good[..(good.LastIndexOf('.') + 1)]);

        Assert.False(check.IsValid);
        Assert.Equal("the signature does not verify", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_Hs256SignedWithPublicKeyBytes_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var key = harness.Keys.Teams;

        var der = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintHs256(key.PublicKeyBytes, harness.Claims(), key.KeyId));
        var pem = await harness.AuthenticateAsync(BotFrameworkTokenMinter.MintHs256(Encoding.ASCII.GetBytes(key.PublicKeyPem), harness.Claims(), key.KeyId));

        Assert.False(der.IsValid);
        Assert.Equal("algorithm HS256 is not allowed (RS256 only)", der.Reason);
        Assert.False(pem.IsValid);
        Assert.Equal("algorithm HS256 is not allowed (RS256 only)", pem.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_Hs256SignedWithAppPassword_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(
            BotFrameworkTokenMinter.MintHs256(Encoding.UTF8.GetBytes(AuthHarness.AppPassword), harness.Claims(), keyId: null));

        Assert.False(check.IsValid);
        Assert.Equal("algorithm HS256 is not allowed (RS256 only)", check.Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AuthenticateAsync_AlgNone_Refused(bool withPublishedKid)
    {
        await using var harness = await AuthHarness.StartAsync();

        var token = BotFrameworkTokenMinter.MintUnsigned(harness.Claims(), withPublishedKid ? harness.Keys.Teams.KeyId : null);
        var check = await harness.AuthenticateAsync(token);

        Assert.False(check.IsValid);
        Assert.Equal("algorithm none is not allowed (RS256 only)", check.Reason);
        Assert.Equal(0, harness.StandIn.MetadataRequests);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("..")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.abc")]
    [InlineData("e30.e30.e30.e30.e30")]
    public async Task AuthenticateAsync_GarbageToken_RefusedWithoutFetchingKeys(string token)
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(token);

        Assert.False(check.IsValid);
        Assert.False(string.IsNullOrEmpty(check.Reason));
        Assert.Null(check.ServiceUrl);
        Assert.Empty(check.Endorsements);
        Assert.Equal(0, harness.StandIn.MetadataRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_NoKid_Refused()
    {
        await using var harness = await AuthHarness.StartAsync();
        var good = harness.GoodToken().Split('.');
        var header = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}"""));

        var check = await harness.AuthenticateAsync($"{header}.{good[1]}.{good[2]}");

        Assert.False(check.IsValid);
        Assert.Equal("the token names no signing key (kid)", check.Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_HugeToken_RefusedWithoutFetchingKeys()
    {
        await using var harness = await AuthHarness.StartAsync();

        var check = await harness.AuthenticateAsync(new string('a', 20_000) + ".b.c");

        Assert.False(check.IsValid);
        Assert.Equal(0, harness.StandIn.MetadataRequests);
    }
}
