using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// Makes compact JWS tokens by hand (no IdentityModel, so the code under test is not checked against itself):
/// real RS256 tokens signed with a <see cref="BotFrameworkTestKey"/>, and the forgeries a verifier must refuse:
/// HS256 with a chosen secret (e.g. the public key's bytes) and <c>alg: none</c>.
/// </summary>
public static class BotFrameworkTokenMinter
{
    /// <summary>An RS256 token signed by <paramref name="signingKey"/>. The header's <c>kid</c>/<c>x5t</c> are the
    /// key's own id unless <paramref name="keyId"/> names another (e.g. a published key's id on a forged signature).</summary>
    public static string MintToken(BotFrameworkTestKey signingKey, BotFrameworkTokenClaims claims, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        var signingInput = SigningInput("RS256", keyId ?? signingKey.KeyId, claims);
        return signingInput + "." + Base64Url.EncodeToString(signingKey.SignRs256(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>An HS256 token whose HMAC key is <paramref name="secret"/>, with header <c>kid</c> <paramref name="keyId"/>.</summary>
    public static string MintHs256(byte[] secret, BotFrameworkTokenClaims claims, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var signingInput = SigningInput("HS256", keyId, claims);
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>An unsigned token (<c>alg: none</c>, empty signature part), with header <c>kid</c> <paramref name="keyId"/>.</summary>
    public static string MintUnsigned(BotFrameworkTokenClaims claims, string? keyId) => SigningInput("none", keyId, claims) + ".";

    private static string SigningInput(string algorithm, string? keyId, BotFrameworkTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
            header["x5t"] = keyId;
        }
        var payload = new JsonObject { ["iss"] = claims.Issuer, ["aud"] = claims.Audience };
        if (claims.NotBefore is { } nbf) payload["nbf"] = nbf.ToUnixTimeSeconds();
        if (claims.Expires is { } exp) payload["exp"] = exp.ToUnixTimeSeconds();
        if (claims.ServiceUrl is { } serviceUrl) payload["serviceurl"] = serviceUrl;
        return Encode(header) + "." + Encode(payload);
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
