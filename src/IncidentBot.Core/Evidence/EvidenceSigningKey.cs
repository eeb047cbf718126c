using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The private key that signs checkpoints: ECDSA P-256, kept in a PEM file (PKCS#8) outside the database so that
/// whoever can write the database alone cannot sign a checkpoint. Contract: <see cref="LoadOrCreate"/> creates the
/// file on first use, readable and writable by its owner only (Unix mode 600), and never overwrites an existing file.
/// </summary>
public sealed class EvidenceSigningKey : IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _rowKey;

    private EvidenceSigningKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
        PublicKey = EvidencePublicKey.Of(key);
        // A second secret derived from the private scalar, for checksums of projection rows: only the key holder can
        // make a row the store will vouch for.
        var d = key.ExportParameters(includePrivateParameters: true).D!;
        _rowKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, d, 32, info: Encoding.UTF8.GetBytes("incidentbot/projection-rows/v1"));
        CryptographicOperations.ZeroMemory(d);
    }

    /// <summary>A keyed checksum (HMAC-SHA256, hex) of a projection row's canonical text: whoever edits the row without
    /// the key cannot make it match again.</summary>
    public string RowMac(string canonicalRow)
    {
        ArgumentNullException.ThrowIfNull(canonicalRow);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_rowKey, Encoding.UTF8.GetBytes(canonicalRow)));
    }

    /// <summary>Full path of the key file.</summary>
    public string Path { get; }

    /// <summary>The public half, for verifiers.</summary>
    public EvidencePublicKey PublicKey { get; }

    /// <summary>Loads the key at <paramref name="path"/>, creating it (mode 600, folder included) when it does not exist.</summary>
    /// <exception cref="IOException">The file cannot be read or created.</exception>
    /// <exception cref="FormatException">The file is not an ECDSA private key in PEM.</exception>
    public static EvidenceSigningKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) TryCreate(full);
        return Load(full);
    }

    /// <summary>Loads an existing key file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="FormatException">The file is not an ECDSA private key in PEM.</exception>
    public static EvidenceSigningKey Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var pem = File.ReadAllText(full);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            _ = key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new FormatException($"{full} is not an evidence signing key (ECDSA P-256 private key in PEM).", e);
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new FormatException($"{full} is not an evidence signing key (it holds a {key.KeySize}-bit key; evidence keys are P-256).");
        }
        return new EvidenceSigningKey(key, full);
    }

    /// <summary>Signs a checkpoint hash: base64 IEEE P1363 ECDSA P-256 with SHA-256 over its UTF-8 text.</summary>
    public string Sign(string checkpointHash)
    {
        ArgumentNullException.ThrowIfNull(checkpointHash);
        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(checkpointHash), HashAlgorithmName.SHA256));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_rowKey);
        _key.Dispose();
        PublicKey.Dispose();
    }

    private static void TryCreate(string full)
    {
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new FileStream(full, options);
            file.Write(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"));
            file.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(full))
        {
            return; // another process created it first; load theirs
        }
        // The create mode is filtered by the umask; set it exactly.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
