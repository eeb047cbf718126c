using System.Security.Cryptography;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The public half of the evidence signing key: checks checkpoint signatures. Its text form is the base64 of the
/// key's SubjectPublicKeyInfo (DER), one line, as <c>incidentbot evidence key</c> prints it; PEM is accepted too.
/// </summary>
public sealed class EvidencePublicKey : IDisposable
{
    private readonly ECDsa _key;

    private EvidencePublicKey(ECDsa key)
    {
        _key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        Text = Convert.ToBase64String(spki);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki))[..16];
    }

    /// <summary>Base64 SubjectPublicKeyInfo: what <c>--public-key</c> takes.</summary>
    public string Text { get; }

    /// <summary>First 16 hex characters of the SHA-256 of the SubjectPublicKeyInfo; stored with each checkpoint.</summary>
    public string KeyId { get; }

    /// <summary>Parses base64 SubjectPublicKeyInfo or a PEM <c>PUBLIC KEY</c>; throws <see cref="FormatException"/> when it is neither.</summary>
    public static EvidencePublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = ECDsa.Create();
        try
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("-----", StringComparison.Ordinal)) key.ImportFromPem(trimmed);
            else key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(trimmed), out _);
            return new EvidencePublicKey(key);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            throw new FormatException("Not an evidence public key (expected base64 SubjectPublicKeyInfo or PEM).", e);
        }
    }

    /// <summary>Wraps the public half of <paramref name="key"/> (copied).</summary>
    internal static EvidencePublicKey Of(ECDsa key) => Parse(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));

    /// <summary>True when <paramref name="signature"/> (base64, IEEE P1363) signs <paramref name="checkpointHash"/> with this key.</summary>
    public bool Verify(string checkpointHash, string signature)
    {
        ArgumentNullException.ThrowIfNull(checkpointHash);
        ArgumentNullException.ThrowIfNull(signature);
        Span<byte> bytes = stackalloc byte[128];
        if (!Convert.TryFromBase64String(signature, bytes, out var written)) return false;
        return _key.VerifyData(System.Text.Encoding.UTF8.GetBytes(checkpointHash), bytes[..written], HashAlgorithmName.SHA256);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
