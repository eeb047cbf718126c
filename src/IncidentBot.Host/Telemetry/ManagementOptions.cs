namespace IncidentBot.Host.Telemetry;

/// <summary>The <c>Management</c> section: a separate listener for what operators' tools scrape.</summary>
public sealed class ManagementOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Management";

    /// <summary>
    /// URLs (separated by <c>;</c>, each with an explicit port, e.g. <c>http://0.0.0.0:9464</c>) the bot also listens
    /// on, for <c>/metrics</c> and the health probes only (anything else is 404 there): when set, <c>/metrics</c> is
    /// served there without an API key (keep the port off the public network) and nowhere else. Unset (the default): <c>/metrics</c> is served on the bot's own URLs,
    /// behind the API key outside Development like <c>/api</c>.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>The ports of <paramref name="urls"/>; throws <see cref="InvalidOperationException"/> for a URL without
    /// an explicit port or that is not a URL.</summary>
    public static IReadOnlyList<int> PortsOf(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PortOf)];
    }

    private static int PortOf(string url)
    {
        // Kestrel's wildcard hosts (* and +) are not URI hosts: read them as any host to find the port.
        var parsed = url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsed, UriKind.Absolute, out var uri) || uri.IsDefaultPort && !HasPort(parsed) || uri.Port <= 0)
            throw new InvalidOperationException($"{SectionName}:Urls: '{url}' needs an explicit port other than 0, e.g. http://0.0.0.0:9464.");
        return uri.Port;
    }

    private static bool HasPort(string url)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        return authority[(authority.LastIndexOf(']') + 1)..].Contains(':', StringComparison.Ordinal);
    }
}
