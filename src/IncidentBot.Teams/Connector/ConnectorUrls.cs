using IncidentBot.Teams.Configuration;

namespace IncidentBot.Teams.Connector;

/// <summary>How connector URLs are built, and which ones the bot may call (see <see cref="TeamsUrls"/>; a connector
/// URL also carries no query or fragment).</summary>
public static class ConnectorUrls
{
    /// <summary>True when <paramref name="uri"/> passes <see cref="TeamsUrls.IsAllowed"/> and has no query or fragment.</summary>
    public static bool IsAllowed(Uri uri) => TeamsUrls.IsAllowed(uri) && uri.Query.Length == 0 && uri.Fragment.Length == 0;

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
