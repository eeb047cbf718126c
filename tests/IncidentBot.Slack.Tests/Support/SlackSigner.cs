using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>Signs a body the way Slack does, computed independently of the code under test.</summary>
internal static class SlackSigner
{
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var basestring = Encoding.UTF8.GetBytes("v0:" + timestamp + ":").Concat(body).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basestring);
        return "v0=" + string.Concat(mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
