using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Bench;

/// <summary>
/// Signs a request exactly as Slack does (<c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))</c>), and checks such a
/// signature the way the bot does (5-minute window, constant-time compare) for the bare baselines.
/// </summary>
internal static class SlackSigner
{
    /// <summary>The signing secret every server under test is configured with.</summary>
    public const string Secret = "bench-signing-secret";

    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);

    public static HttpRequestMessage Signed(string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(SecretBytes, Encoding.UTF8.GetBytes($"v0:{ts}:{body}"));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }

    /// <summary>True when <paramref name="signature"/> is Slack's signature of <paramref name="body"/> at a timestamp within 5 minutes.</summary>
    public static bool Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (timestamp is null || signature is null || !signature.StartsWith("v0=", StringComparison.Ordinal)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > 300)
            return false;
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(SecretBytes, message, expected);
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
