using System.Net;

namespace IncidentBot.Teams.Authentication;

/// <summary>
/// Where signing keys may come from: https anywhere, plain http only on loopback (127.0.0.0/8, ::1, <c>localhost</c>),
/// which the tests' stand-in uses. Anything else (other schemes, relative URLs, http to any other host) is refused
/// before a request is made, so keys can never be swapped by someone on the network path.
/// </summary>
internal static class MetadataUrlRule
{
    public static bool IsAllowed(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri) return false;
        if (url.Scheme == Uri.UriSchemeHttps) return true;
        return url.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(url);
    }

    private static bool IsLoopbackHost(Uri url)
    {
        if (string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        // HostNameType tells an IP literal from a name such as 127.0.0.1.example.com, which must not count.
        return url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost, out var address)
            && IPAddress.IsLoopback(address);
    }
}
