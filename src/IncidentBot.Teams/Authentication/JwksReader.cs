using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace IncidentBot.Teams.Authentication;

/// <summary>
/// Reads the Bot Framework's JWKS (<c>{"keys":[{"kty":"RSA","kid":…,"n":…,"e":…,"endorsements":["msteams",…]}]}</c>)
/// into RSA verification keys. Read by hand rather than through IdentityModel's <c>JsonWebKeySet</c> so the
/// non-standard <c>endorsements</c> array is kept exactly as published, and so only public RSA keys can come out:
/// a symmetric (<c>oct</c>) or any other key type is skipped and can never verify a token.
/// </summary>
internal static class JwksReader
{
    /// <summary>Smallest RSA modulus accepted, in bits.</summary>
    public const int MinimumModulusBits = 2048;

    /// <summary>The usable keys by <c>kid</c> (the first of duplicated ids wins). Throws <see cref="JsonException"/>
    /// when the document is not a JWKS.</summary>
    public static IReadOnlyDictionary<string, SigningKey> Read(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new JsonException("the keys document has no \"keys\" array");
        var result = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var jwk in keys.EnumerateArray())
        {
            if (TryRead(jwk) is { } key) result.TryAdd(key.KeyId, key);
        }
        return result;
    }

    private static SigningKey? TryRead(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object) return null;
        if (Text(jwk, "kty") != "RSA") return null;
        if (Text(jwk, "use") is { } use && use != "sig") return null;
        if (Text(jwk, "kid") is not { Length: > 0 } kid) return null;
        if (Decode(Text(jwk, "n")) is not { } modulus || Decode(Text(jwk, "e")) is not { Length: > 0 } exponent) return null;
        if (SignificantBits(modulus) < MinimumModulusBits) return null;
        var parameters = new RSAParameters { Modulus = modulus, Exponent = exponent };
        return new SigningKey(kid, new RsaSecurityKey(parameters) { KeyId = kid }, Endorsements(jwk));
    }

    private static string[] Endorsements(JsonElement jwk)
    {
        if (!jwk.TryGetProperty("endorsements", out var array) || array.ValueKind != JsonValueKind.Array) return [];
        return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
    }

    private static string? Text(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Decode(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url) || !Base64Url.IsValid(base64Url)) return null;
        return Base64Url.DecodeFromChars(base64Url);
    }

    private static int SignificantBits(byte[] bigEndian)
    {
        var i = 0;
        while (i < bigEndian.Length && bigEndian[i] == 0) i++;
        return i == bigEndian.Length ? 0 : (bigEndian.Length - i - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)bigEndian[i]));
    }
}
