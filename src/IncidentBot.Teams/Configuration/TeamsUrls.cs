using System.Net;

namespace IncidentBot.Teams.Configuration;

/// <summary>
/// The one rule for every URL the Teams surface talks to (signing keys, the token endpoint, connectors): https, or
/// plain http only on a loopback address (127.0.0.0/8, ::1, <c>localhost</c>), which tests' stand-ins use; never user
/// info in the URL. Anything else is refused before a request is made, so keys, tokens and the app password can never
/// travel in the clear or be swapped by someone on the network path.
/// </summary>
public static class TeamsUrls
{
    /// <summary>True when <paramref name="url"/> is an absolute https URL, or http on loopback, without user info.</summary>
    public static bool IsAllowed(Uri? url) =>
        url is { IsAbsoluteUri: true } && url.UserInfo.Length == 0
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    /// <summary>True for <c>localhost</c> and loopback IP literals (a name such as <c>127.0.0.1.example.com</c> is not).</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(url.IdnHost, out var ip) && IPAddress.IsLoopback(ip),
            UriHostNameType.Dns => string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
