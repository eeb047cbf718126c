using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Bench;

/// <summary>Signs a request exactly as Slack does: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))</c>.</summary>
internal static class SlackSigner
{
    public static HttpRequestMessage Signed(string path, string secret, string body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}"));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }
}
