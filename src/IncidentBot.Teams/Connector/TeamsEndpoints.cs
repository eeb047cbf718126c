using System.Net;

namespace IncidentBot.Teams.Connector;

/// <summary>
/// Which URLs the bot may send its token or its password to, and how connector URLs are built. The rule: https, or
/// plain http on a loopback address (127.0.0.0/8, ::1, <c>localhost</c>) for tests; no user info, query or fragment.
/// Options validation can use <see cref="IsAllowed"/> to refuse a bad <c>Teams:TokenEndpoint</c> at start-up; the
/// connector client and the token provider apply it again before every request.
/// </summary>
public static class TeamsEndpoints
{
    /// <summary>True when <paramref name="uri"/> is an absolute https URL, or http on loopback.</summary>
    public static bool IsAllowed(Uri uri) =>
        uri is not null
        && uri.IsAbsoluteUri
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary>True for <c>localhost</c> and loopback IP literals.</summary>
    public static bool IsLoopback(Uri uri) => uri.HostNameType switch
    {
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(uri.IdnHost, out var ip) && IPAddress.IsLoopback(ip),
        UriHostNameType.Dns => string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]</c>. The base gets a trailing
    /// <c>/</c> when it has none; each id is one segment escaped with <see cref="Uri.EscapeDataString(string)"/>
    /// (<c>:</c> <c>@</c> <c>;</c> <c>=</c> become <c>%3A</c> <c>%40</c> <c>%3B</c> <c>%3D</c>), as the Bot Framework SDK does.
    /// </summary>
    internal static Uri Activities(Uri serviceUrl, string conversationId, string? activityId)
    {
        var text = serviceUrl.AbsoluteUri;
        if (!text.EndsWith('/')) text += "/";
        text += "v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (activityId is not null) text += "/" + Uri.EscapeDataString(activityId);
        return new Uri(text);
    }
}
