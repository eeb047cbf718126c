using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// One RSA signing key of a stand-in Bot Framework, generated at run time (2048 bits), with its <c>kid</c> and the
/// channel ids it is endorsed for. Signs tokens for <see cref="BotFrameworkTokenMinter"/>; describes itself as a JWK
/// (public part only, plus the Bot Framework's extra <c>endorsements</c> array) for <see cref="OpenIdStandIn"/>.
/// </summary>
public sealed class BotFrameworkTestKey : IDisposable
{
    private static readonly Lock PoolSync = new();
    private static readonly List<byte[]> Pool = [];
    private readonly RSA rsa;

    /// <summary>Generates a fresh key.</summary>
    public BotFrameworkTestKey(string keyId, params string[] endorsements)
        : this(RSA.Create(2048), keyId, endorsements)
    {
    }

    private BotFrameworkTestKey(RSA rsa, string keyId, string[] endorsements)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(endorsements);
        this.rsa = rsa;
        KeyId = keyId;
        Endorsements = [.. endorsements];
    }

    /// <summary>
    /// The <paramref name="slot"/>-th key of a process-wide pool, generated on first use: distinct slots are distinct
    /// keys, and every key set reuses the same few, because generating 2048-bit keys for every test costs seconds.
    /// </summary>
    public static BotFrameworkTestKey FromPool(int slot, string keyId, params string[] endorsements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        byte[] material;
        lock (PoolSync)
        {
            while (Pool.Count <= slot)
            {
                using var fresh = RSA.Create(2048);
                Pool.Add(fresh.ExportPkcs8PrivateKey());
            }
            material = Pool[slot];
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(material, out _);
        return new BotFrameworkTestKey(rsa, keyId, endorsements);
    }

    /// <summary>The key id, sent as <c>kid</c> (and <c>x5t</c>) in token headers and in the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>Channel ids the JWKS says this key may sign for (e.g. <c>msteams</c>).</summary>
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo: what an attacker would use as an HS256 secret.</summary>
    public byte[] PublicKeyBytes => rsa.ExportSubjectPublicKeyInfo();

    /// <summary>The public key as PEM text (the other classic HS256 confusion secret).</summary>
    public string PublicKeyPem => rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (JWS <c>RS256</c>) over <paramref name="data"/>.</summary>
    public byte[] SignRs256(byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The public JWK as the Bot Framework publishes it: <c>kty</c>, <c>use</c>, <c>kid</c>, <c>x5t</c>,
    /// <c>n</c>, <c>e</c>, <c>endorsements</c>.</summary>
    public JsonObject ToJwk()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["x5t"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)JsonValue.Create(e))]),
        };
    }

    /// <summary>Releases the RSA key.</summary>
    public void Dispose() => rsa.Dispose();
}
