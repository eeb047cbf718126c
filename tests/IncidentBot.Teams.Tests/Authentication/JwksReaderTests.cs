using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Teams.Authentication;
using IncidentBot.TestSupport.BotFramework;

namespace IncidentBot.Teams.Tests.Authentication;

public sealed class JwksReaderTests
{
    [Fact]
    public void Read_BotFrameworkJwks_KeepsEndorsementsPerKey()
    {
        using var keys = new BotFrameworkKeySet();
        var jwk = keys.Teams.ToJwk();
        jwk["endorsements"] = new JsonArray("msteams", "webchat", 42);

        var read = Read(new JsonObject { ["keys"] = new JsonArray(jwk, keys.SkypeOnly.ToJwk()) });

        Assert.Equal(["msteams", "webchat"], read[keys.Teams.KeyId].Endorsements);
        Assert.Equal(["skype"], read[keys.SkypeOnly.KeyId].Endorsements);
        Assert.Equal(keys.Teams.KeyId, read[keys.Teams.KeyId].SecurityKey.KeyId);
    }

    [Fact]
    public void Read_KeyWithoutEndorsements_EndorsedForNothing()
    {
        using var keys = new BotFrameworkKeySet();
        var jwk = keys.Teams.ToJwk();
        jwk.Remove("endorsements");

        var read = Read(new JsonObject { ["keys"] = new JsonArray(jwk) });

        Assert.Empty(read[keys.Teams.KeyId].Endorsements);
    }

    [Fact]
    public void Read_UnusableKeys_Skipped()
    {
        using var keys = new BotFrameworkKeySet();
        var symmetric = new JsonObject { ["kty"] = "oct", ["kid"] = "hmac", ["k"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA", ["endorsements"] = new JsonArray("msteams") };
        var encryption = keys.SkypeOnly.ToJwk();
        encryption["use"] = "enc";
        var noKid = keys.Unpublished.ToJwk();
        noKid.Remove("kid");
        using var small = RSA.Create(1024);
        var weak = new JsonObject
        {
            ["kty"] = "RSA", ["kid"] = "weak",
            ["n"] = System.Buffers.Text.Base64Url.EncodeToString(small.ExportParameters(false).Modulus),
            ["e"] = "AQAB",
        };
        var badModulus = keys.Teams.ToJwk();
        badModulus["kid"] = "bad";
        badModulus["n"] = "***";

        var read = Read(new JsonObject { ["keys"] = new JsonArray(symmetric, encryption, noKid, weak, badModulus, "text", keys.Teams.ToJwk()) });

        Assert.Equal([keys.Teams.KeyId], read.Keys);
    }

    [Theory]
    [InlineData("""{"keys":{}}""")]
    [InlineData("""{"kty":"RSA"}""")]
    [InlineData("""[]""")]
    public void Read_NotAJwks_Throws(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<JsonException>(() => JwksReader.Read(document.RootElement));
    }

    private static IReadOnlyDictionary<string, SigningKey> Read(JsonObject jwks)
    {
        using var document = JsonDocument.Parse(jwks.ToJsonString());
        return JwksReader.Read(document.RootElement);
    }
}
