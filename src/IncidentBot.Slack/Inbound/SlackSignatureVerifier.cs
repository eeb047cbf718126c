using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Slack.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// Checks that a request comes from Slack (docs.slack.dev "Verifying requests from Slack"): HMAC-SHA256 of
/// <c>v0:{timestamp}:{raw body}</c> keyed with the signing secret, sent as <c>v0=</c> + lowercase hex, compared in
/// constant time; and a timestamp within <see cref="SlackOptions.SignatureWindow"/> of now in either direction, so a
/// captured request cannot be replayed later (nor one stamped in the future be held back for later use).
/// </summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>Header carrying <c>v0=…</c>.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>Header carrying the Unix time in seconds.</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    private const string Version = "v0";
    private const int HexLength = 64;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private readonly byte[] secret;
    private readonly TimeSpan window;
    private readonly TimeProvider time;

    /// <summary>Creates the verifier from the configured signing secret and window.</summary>
    public SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        secret = Encoding.UTF8.GetBytes(options.Value.SigningSecret ?? "");
        window = options.Value.SignatureWindow;
        this.time = time;
    }

    /// <summary>Checks one request. Header values are passed as received (several values = refused).</summary>
    public SignatureCheck Verify(StringValues signature, StringValues timestamp, ReadOnlySpan<byte> body)
    {
        if (secret.Length == 0) return SignatureCheck.Fail("no signing secret is configured");
        if (timestamp.Count == 0 || string.IsNullOrEmpty(timestamp[0])) return SignatureCheck.Fail($"missing {TimestampHeader} header");
        if (timestamp.Count > 1) return SignatureCheck.Fail($"more than one {TimestampHeader} header");
        if (signature.Count == 0 || string.IsNullOrEmpty(signature[0])) return SignatureCheck.Fail($"missing {SignatureHeader} header");
        if (signature.Count > 1) return SignatureCheck.Fail($"more than one {SignatureHeader} header");

        var ts = timestamp[0]!;
        if (ts.Length > 12 || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Fail("the timestamp is not a Unix time in seconds");
        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253_402_300_799));
        if (skew.Duration() > window)
            return SignatureCheck.Fail($"the timestamp is {Math.Round(skew.TotalSeconds)} s from now, outside the {window.TotalSeconds} s window");

        var sig = signature[0]!;
        var eq = sig.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return SignatureCheck.Fail("the signature has no version prefix");
        if (!sig.AsSpan(0, eq).SequenceEqual(Version)) return SignatureCheck.Fail("unsupported signature version (only v0)");
        if (sig.Length != eq + 1 + HexLength || sig.AsSpan(eq + 1).ContainsAnyExcept(HexDigits)) return SignatureCheck.Fail("the signature is not 64 hex digits");

        var expected = Encoding.ASCII.GetBytes(Version + "=" + Compute(ts, body));
        var received = Encoding.ASCII.GetBytes(sig);
        return CryptographicOperations.FixedTimeEquals(expected, received)
            ? SignatureCheck.Valid
            : SignatureCheck.Fail("the signature does not match the body");
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
    private string Compute(string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes(Version + ":" + timestamp + ":"));
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
